import type { EventEnvelope } from '../envelope/event-envelope';

/** The parse contract of libs/events/src/parse (`parseStreamEntry`). */
export type ParseFailureCode = 'not_json' | 'invalid_envelope' | 'unknown_type' | 'unsupported_version' | 'invalid_payload';

export interface ParseFailure {
  code: ParseFailureCode;
  message: string;
  fields?: string[];
  event_id?: string;
  event_type?: string;
}

export type TransportEvent = EventEnvelope;

export type ParseOutcome = { ok: true; event: TransportEvent } | { ok: false; reason: ParseFailure };

export type ParseMessage = (fields: Record<string, string>) => ParseOutcome;

const REQUIRED = ['event_id', 'event_type', 'aggregate_id', 'aggregate_type', 'occurred_at', 'payload', 'metadata'] as const;

/** Envelope-shape check used until the catalog parser is wired in as the default. */
export const defaultParseMessage: ParseMessage = (fields) => {
  let value: unknown;
  try {
    value = JSON.parse(fields.data ?? '');
  } catch {
    return { ok: false, reason: { code: 'not_json', message: 'data is not JSON' } };
  }
  if (!value || typeof value !== 'object') {
    return { ok: false, reason: { code: 'invalid_envelope', message: 'data is not an object' } };
  }
  const envelope = value as Record<string, unknown>;
  const missing = REQUIRED.filter((key) => envelope[key] === undefined);
  if (missing.length > 0 || typeof envelope.event_type !== 'string' || envelope.event_type !== fields.type) {
    return { ok: false, reason: { code: 'invalid_envelope', message: 'envelope fields missing or type mismatch', fields: [...missing] } };
  }
  return { ok: true, event: envelope as unknown as TransportEvent };
};
