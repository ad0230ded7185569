/**
 * Whether an error means a dependency (PostgreSQL, Redis) is unreachable or overloaded right now rather than that
 * something is wrong with the request or the code: the client should retry, so it gets 503 with Retry-After, not 500.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300|53400)$/; // connection exceptions, shutdown, too many connections
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i, // pg-pool: no connection free within connectionTimeoutMillis
  /Connection terminated/i, // pg: the server closed the connection
  /Connection is closed/i, // ioredis
  /MaxRetriesPerRequestError|Reached the max retries per request/i, // ioredis while Redis is down
];

export function isDependencyUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const fields = current as Error & { code?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(fields.message))) return true;
    current = fields.driverError ?? fields.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying when a dependency is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_S = 1;
