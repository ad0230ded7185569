import { findTextProblems, TEXT_PROBLEM_MESSAGES } from '@choice-sherpa/platform/validation/text-rule';
import { EVENT_REGISTRY, isKnownEventType } from '../catalog/event-registry';
import type { AnyEvent } from '../catalog/event-registry';
import type { StreamEntryFields } from '../envelope/event-envelope';
import { CATALOG_UPCASTERS, UpcasterRegistry } from '../upcasting/upcaster-registry';
import { isUuid } from '../outputs/plain-values';
import { asPlainObject, envelopeShapeErrors } from './envelope-checks';
import { parseFailure, ParseFailure, ParseResult } from './parse-failure';
import { validatePayload } from './payload-validation';

export interface ParseOptions {
  /** Steps for older schema versions; defaults to the catalog's (none while every type is at v1). */
  upcasters?: UpcasterRegistry;
}

export interface CheckMode {
  /** Committed envelopes carry `sequence`; pending ones get it from the outbox writer. */
  requireSequence: boolean;
  /** Reading upcasts old versions; writing accepts only the current version. */
  upcasters?: UpcasterRegistry;
  /** The stream entry's `type` field, which must equal the envelope's `event_type`. */
  streamType?: string;
}

/** The one way raw stream data becomes an event: a typed, validated event, or the precise reason why not. */
export function parseStreamEntry(fields: Record<string, string> | StreamEntryFields, options: ParseOptions = {}): ParseResult {
  const entry = fields as Record<string, unknown>;
  if (typeof entry.data !== 'string') return fail(parseFailure('not_json', 'stream entry has no data field', { fields: ['data'] }));
  if (typeof entry.type !== 'string' || entry.type.length === 0) {
    return fail(parseFailure('invalid_envelope', 'stream entry has no type field', { fields: ['type'] }));
  }
  const value = parseJson(entry.data);
  if (value === NOT_JSON) return fail(parseFailure('not_json', 'data is not valid JSON', { fields: ['data'] }));
  return checkEvent(value, { requireSequence: true, upcasters: options.upcasters ?? CATALOG_UPCASTERS, streamType: entry.type });
}

/** The envelope JSON alone (outbox rows, dead letters, replays). */
export function parseEnvelopeJson(json: string, options: ParseOptions = {}): ParseResult {
  const value = parseJson(json);
  if (value === NOT_JSON) return fail(parseFailure('not_json', 'data is not valid JSON', { fields: ['data'] }));
  return parseEnvelope(value, options);
}

/** An already-decoded envelope value. */
export function parseEnvelope(value: unknown, options: ParseOptions = {}): ParseResult {
  return checkEvent(value, { requireSequence: true, upcasters: options.upcasters ?? CATALOG_UPCASTERS });
}

export function checkEvent(value: unknown, mode: CheckMode): ParseResult {
  const envelope = asPlainObject(value);
  if (!envelope) return fail(parseFailure('invalid_envelope', 'envelope is not a JSON object'));
  const ids = identify(envelope);
  const shapeErrors = envelopeShapeErrors(envelope, mode.requireSequence);
  if (shapeErrors.length > 0) {
    return fail(parseFailure('invalid_envelope', `envelope fields missing or of the wrong type: ${shapeErrors.join(', ')}`, { fields: shapeErrors, ...ids }));
  }
  const text = textFailure(envelope, ids);
  if (text) return fail(text);
  const type = envelope.event_type as string;
  if (mode.streamType !== undefined && mode.streamType !== type) {
    return fail(parseFailure('invalid_envelope', 'stream entry type differs from envelope event_type', { fields: ['type', 'event_type'], ...ids }));
  }
  if (!isKnownEventType(type)) return fail(parseFailure('unknown_type', 'event_type is not in the catalog', { fields: ['event_type'], ...ids }));
  const definition = EVENT_REGISTRY[type];
  if (envelope.aggregate_type !== definition.aggregateType) {
    return fail(parseFailure('invalid_envelope', `aggregate_type must be ${definition.aggregateType} for ${type}`, { fields: ['aggregate_type'], ...ids }));
  }
  const version = envelope.schema_version as number;
  let payload = envelope.payload as Record<string, unknown>;
  let currentVersion = definition.schemaVersion;
  if (mode.upcasters) {
    const upcast = mode.upcasters.upcast(type, version, payload);
    if (!upcast.ok) return fail(parseFailure('unsupported_version', upcast.message, { fields: ['schema_version'], ...ids }));
    payload = upcast.payload;
    currentVersion = upcast.version;
  } else if (version !== currentVersion) {
    return fail(parseFailure('unsupported_version', `${type} must be written at v${currentVersion}`, { fields: ['schema_version'], ...ids }));
  }
  const validation = validatePayload(definition, payload);
  if (!validation.ok) {
    return fail(parseFailure('invalid_payload', `invalid payload: ${validation.constraints.join('; ')}`, { fields: validation.fields, ...ids }));
  }
  const metadata = envelope.metadata as Record<string, string | null>;
  const event = {
    event_id: envelope.event_id,
    event_type: type,
    aggregate_id: envelope.aggregate_id,
    aggregate_type: envelope.aggregate_type,
    occurred_at: envelope.occurred_at,
    payload: validation.payload,
    metadata: {
      correlation_id: metadata.correlation_id,
      causation_id: metadata.causation_id,
      user_id: metadata.user_id,
      trace_id: metadata.trace_id,
    },
    schema_version: currentVersion,
    ...(envelope.sequence !== undefined ? { sequence: envelope.sequence } : {}),
  };
  return { ok: true, event: event as AnyEvent };
}

/**
 * The system's one string rule (libs/platform text-rule): a string no consumer could store (NUL, a lone surrogate,
 * a control character) anywhere in the envelope refuses the event, at the producer's outbox and at every consumer.
 */
function textFailure(envelope: Record<string, unknown>, ids: Pick<ParseFailure, 'event_id' | 'event_type'>): ParseFailure | undefined {
  const found = findTextProblems(envelope);
  if (found.length === 0) return undefined;
  const fields = found.map((finding) => finding.path);
  const code = fields.every((field) => field.startsWith('payload.')) ? 'invalid_payload' : 'invalid_envelope';
  const problems = found.map(({ path, problem }) => `${path} ${TEXT_PROBLEM_MESSAGES[problem]}`);
  return parseFailure(code, `refused text: ${problems.join('; ')}`, { fields, ...ids });
}

/** Ids that are safe to report (never payload values): only when they have the right shape. */
function identify(envelope: Record<string, unknown>): Pick<ParseFailure, 'event_id' | 'event_type'> {
  const ids: Pick<ParseFailure, 'event_id' | 'event_type'> = {};
  if (isUuid(envelope.event_id)) ids.event_id = envelope.event_id;
  if (typeof envelope.event_type === 'string' && /^[a-z_]{1,40}\.[a-z_]{1,60}$/.test(envelope.event_type)) ids.event_type = envelope.event_type;
  return ids;
}

const NOT_JSON = Symbol('not_json');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function fail(reason: ParseFailure): ParseResult {
  return { ok: false, reason };
}
