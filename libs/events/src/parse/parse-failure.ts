import type { AnyEvent } from '../catalog/event-registry';

export type ParseFailureCode = 'not_json' | 'invalid_envelope' | 'unknown_type' | 'unsupported_version' | 'invalid_payload';

/** Why raw data is not an event. Messages and `fields` name property paths only, never values (payloads are confidential). */
export interface ParseFailure {
  code: ParseFailureCode;
  message: string;
  fields?: string[];
  event_id?: string;
  event_type?: string;
}

export type ParseResult = { ok: true; event: AnyEvent } | { ok: false; reason: ParseFailure };

export function parseFailure(code: ParseFailureCode, message: string, extra: Omit<ParseFailure, 'code' | 'message'> = {}): ParseFailure {
  return { code, message, ...extra };
}
