import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { AuthUser } from '../auth/auth-user';
import { routePattern } from '../request/route-pattern';
import type { PlatformLogger } from '../logging/logger';

type LoggedRequest = IncomingMessage & { correlationId?: string; user?: AuthUser };

/** Probes and scrapes come every few seconds: their lines are debug, every other request's info (5xx: error). */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** What an access log line holds: ids, the route pattern, status and duration; never headers, bodies or query values. */
function accessFields(req: LoggedRequest, res: ServerResponse, durationMs: unknown): Record<string, unknown> {
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
 * One line per HTTP request (pino-http) once it is answered or aborted: `request_id` (the correlation id, set by the
 * correlation middleware that runs first), method, route pattern, status, duration and the caller's user id when the
 * JWT guard knew it. The request and response objects are never serialized (quiet loggers, own serializers).
 */
export function accessLogMiddleware(logger: PlatformLogger) {
  return pinoHttp<LoggedRequest, ServerResponse>({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    serializers: { req: (req: LoggedRequest) => ({ method: req.method }), res: (res: ServerResponse) => ({ status: res.statusCode }) },
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    genReqId: (req) => req.correlationId ?? 'none',
    customLogLevel: (req, res, error) => (error || res.statusCode >= 500 ? 'error' : QUIET_ROUTES.has(routePattern(req)) ? 'debug' : 'info'),
    customSuccessObject: (req, res, fields) => accessFields(req, res, fields.duration_ms),
    customErrorObject: (req, res, _error, fields) => accessFields(req, res, fields.duration_ms),
    customSuccessMessage: (req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
  });
}
