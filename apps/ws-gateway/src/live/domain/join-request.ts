import { isPlainObject, isUuid } from '@choice-sherpa/events/outputs/plain-values';
/** A validated `session:join` / `session:leave` body. Anything a client sends is untrusted: parse, never cast. */
export interface JoinRequest {
  sessionId: string;
  /** The last event id the client saw; undefined for live events only. */
  since?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };


export function parseJoinRequest(body: unknown): ParseResult<JoinRequest> {
  if (!isPlainObject(body)) return { ok: false, message: 'the body must be an object {session_id, since?}' };
  const unknown = Object.keys(body).filter((key) => key !== 'session_id' && key !== 'since');
  if (unknown.length > 0) return { ok: false, message: `unknown field ${unknown[0].slice(0, 40)}` };
  if (!isUuid(body.session_id)) return { ok: false, message: 'session_id must be a UUID' };
  if (body.since !== undefined && body.since !== null && !isUuid(body.since)) return { ok: false, message: 'since must be an event id (UUID)' };
  const since = typeof body.since === 'string' ? body.since.toLowerCase() : undefined;
  return { ok: true, value: { sessionId: body.session_id.toLowerCase(), since } };
}

export function parseLeaveRequest(body: unknown): ParseResult<{ sessionId: string }> {
  if (!isPlainObject(body)) return { ok: false, message: 'the body must be an object {session_id}' };
  const unknown = Object.keys(body).filter((key) => key !== 'session_id');
  if (unknown.length > 0) return { ok: false, message: `unknown field ${unknown[0].slice(0, 40)}` };
  if (!isUuid(body.session_id)) return { ok: false, message: 'session_id must be a UUID' };
  return { ok: true, value: { sessionId: body.session_id.toLowerCase() } };
}
