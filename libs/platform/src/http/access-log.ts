import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthUser } from '../auth/auth-user';
import { routePattern } from '../request/route-pattern';
import type { PlatformLogger } from '../logging/logger';

type LoggedRequest = IncomingMessage & { correlationId?: string; user?: AuthUser };

/** Probes and scrapes come every few seconds: their lines are debug, every other request's info (5xx: error). */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** What an access log line holds: ids, the route pattern, status and duration; never headers, bodies or query values. */
function accessFields(req: LoggedRequest, res: ServerResponse, durationMs: number) {
  return {
    method: req.method,
    route: routePattern(req),
    status: res.statusCode,
    duration_ms: durationMs,
    // A `sub` that is an email address (some issuers use one) is confidential: such ids stay out of the log.
    ...(req.user && !req.user.userId.includes('@') ? { user_id: req.user.userId } : {}),
  };
}

/**
 * One line per HTTP request once it is answered or aborted: `request_id` (the correlation id, set by the correlation
 * middleware that runs first), method, route pattern, status, duration and the caller's user id when the JWT guard
 * knew it; 5xx (or a response error) as an error. The request and response objects are never serialized. (What
 * pino-http did with these options, without its two child loggers per request.)
 */
export function accessLogMiddleware(logger: PlatformLogger) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const started = Date.now();
    const complete = (error?: unknown): void => {
      res.removeListener('close', complete);
      res.removeListener('finish', complete);
      res.removeListener('error', complete);
      const fields = { request_id: req.correlationId ?? 'none', ...accessFields(req, res, Date.now() - started) };
      if (error || res.statusCode >= 500) logger.error(fields, 'request failed');
      else logger[QUIET_ROUTES.has(fields.route) ? 'debug' : 'info'](fields, res.writableEnded ? 'request completed' : 'request aborted');
    };
    res.on('close', complete);
    res.on('finish', complete);
    res.on('error', complete);
    next();
  };
}
