/** Error codes a `session:join` / `session:leave` acknowledgement can carry. */
export const JoinErrorCodes = {
  invalidRequest: 'INVALID_REQUEST',
  notFound: 'NOT_FOUND',
  sinceUnknown: 'SINCE_UNKNOWN',
  rateLimited: 'RATE_LIMITED',
  tooManySessions: 'TOO_MANY_SESSIONS',
  unavailable: 'UNAVAILABLE',
} as const;

export type JoinErrorCode = (typeof JoinErrorCodes)[keyof typeof JoinErrorCodes];

export type JoinAck = { ok: true } | { ok: false; error: { code: JoinErrorCode; message: string } };

export function refusal(code: JoinErrorCode, message: string): JoinAck {
  return { ok: false, error: { code, message } };
}

export const JOINED: JoinAck = { ok: true };
