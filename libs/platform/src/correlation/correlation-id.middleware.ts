import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER, isValidCorrelationId, newCorrelationId, runWithCorrelationId } from './correlation-context';

/**
 * Takes X-Correlation-Id when it is a UUID (otherwise a new UUID v7), echoes it in the response and runs the rest
 * of the request inside its AsyncLocalStorage context. Registered before every other middleware.
 */
export function correlationIdMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  if ((req as IncomingMessage & { correlationId?: string }).correlationId) return next();
  const supplied = req.headers[CORRELATION_HEADER];
  const correlationId = isValidCorrelationId(supplied) ? supplied.toLowerCase() : newCorrelationId();
  res.setHeader('X-Correlation-Id', correlationId);
  (req as IncomingMessage & { correlationId?: string }).correlationId = correlationId;
  runWithCorrelationId(correlationId, () => next());
}
