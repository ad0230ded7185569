import { EVENT_TYPES } from '../catalog/event-registry';
import { parseEnvelopeJson, parseStreamEntry } from './parse-event';
import type { ParseFailure, ParseResult } from './parse-failure';
import { sampleEvent as sampleEnvelope } from '../catalog/testing/sample-events';
import { entryOf } from './parse-test-support';

function rejection(result: ParseResult): ParseFailure {
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('parseStreamEntry round trip', () => {
  it.each(EVENT_TYPES)('%s survives JSON on the stream and parses back deep-equal', (type) => {
    const metadata = { correlationId: 'corr-9', causationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-9', traceId: 'trace-9' };
    const envelope = sampleEnvelope(type, { sequence: 3, metadata });

    const result = parseStreamEntry({ type, data: JSON.stringify(envelope) });

    expect(result).toEqual({ ok: true, event: envelope });
    expect(JSON.parse(JSON.stringify(result.ok && result.event))).toEqual(envelope);
  });

  it('accepts the envelope JSON alone with parseEnvelopeJson', () => {
    const envelope = sampleEnvelope('cycle.completed');

    expect(parseEnvelopeJson(JSON.stringify(envelope))).toEqual({ ok: true, event: envelope });
  });

  it('keeps unknown payload fields a newer producer added, and validates the known ones', () => {
    const envelope = sampleEnvelope('session.created');
    const withExtra = parseStreamEntry(entryOf(envelope, (json) => (json.payload.locale = 'fr')));
    const withExtraAndBad = parseStreamEntry(entryOf(envelope, (json) => Object.assign(json.payload, { locale: 'fr', title: '' })));

    expect(withExtra.ok && (withExtra.event.payload as Record<string, unknown>).locale).toBe('fr');
    expect(rejection(withExtraAndBad)).toMatchObject({ code: 'invalid_payload', fields: ['payload.title'] });
  });

  it('narrows the payload type by event_type', () => {
    const result = parseStreamEntry(entryOf(sampleEnvelope('analysis.dq_computed')));
    if (!result.ok || result.event.event_type !== 'analysis.dq_computed') throw new Error('expected dq_computed');

    expect(result.event.payload.element_scores[0].score).toBe(85);
  });
});

describe('parseStreamEntry rejections', () => {
  const envelope = sampleEnvelope('component.started', { sequence: 2 });
  const ids = { event_id: envelope.event_id, event_type: 'component.started' };

  it('data that is not JSON is not_json', () => {
    expect(rejection(parseStreamEntry({ type: 'component.started', data: '{"event_id":' }))).toMatchObject({
      code: 'not_json',
      fields: ['data'],
    });
    expect(rejection(parseEnvelopeJson('not json'))).toMatchObject({ code: 'not_json' });
  });

  it('an entry without a data field is not_json naming data', () => {
    expect(rejection(parseStreamEntry({ type: 'component.started' }))).toMatchObject({ code: 'not_json', fields: ['data'] });
  });

  it('an entry without a type field is an invalid envelope naming type', () => {
    expect(rejection(parseStreamEntry({ data: JSON.stringify(envelope) }))).toMatchObject({ code: 'invalid_envelope', fields: ['type'] });
  });

  it.each([['[1,2]'], ['"text"'], ['42'], ['null']])('JSON that is not an object (%s) is an invalid envelope', (data) => {
    expect(rejection(parseStreamEntry({ type: 'component.started', data })).code).toBe('invalid_envelope');
  });

  it.each(['event_id', 'event_type', 'aggregate_id', 'aggregate_type', 'occurred_at', 'payload', 'metadata', 'schema_version', 'sequence'])(
    'a missing %s is an invalid envelope naming it',
    (field) => {
      const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => delete json[field])));

      expect(reason.code).toBe('invalid_envelope');
      expect(reason.fields).toEqual([field]);
    },
  );

  it.each([
    ['event_id', 'not-a-uuid'],
    ['event_id', 12],
    ['aggregate_id', 7],
    ['aggregate_id', ''],
    ['occurred_at', '2026-01-02T03:04:05'],
    ['occurred_at', 1767323045000],
    ['schema_version', '1'],
    ['schema_version', 0],
    ['schema_version', 1.5],
    ['sequence', -1],
    ['sequence', '2'],
    ['payload', []],
    ['payload', 'text'],
    ['metadata', null],
  ])('a wrong %s (%j) is an invalid envelope naming it', (field, value) => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => (json[field] = value))));

    expect(reason).toMatchObject({ code: 'invalid_envelope', fields: [field] });
  });

  it.each([
    ['correlation_id', 5],
    ['causation_id', undefined],
    ['user_id', ''],
    ['trace_id', {}],
  ])('metadata.%s that is not a string or null (%j) is an invalid envelope naming it', (key, value) => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => (json.metadata[key] = value))));

    expect(reason).toMatchObject({ code: 'invalid_envelope', fields: [`metadata.${key}`], ...ids });
  });

  it('a stream type different from the envelope event_type is an invalid envelope', () => {
    const reason = rejection(parseStreamEntry({ type: 'component.completed', data: JSON.stringify(envelope) }));

    expect(reason).toMatchObject({ code: 'invalid_envelope', fields: ['type', 'event_type'], ...ids });
  });

  it('an aggregate_type that is not the registered one is an invalid envelope', () => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => (json.aggregate_type = 'session'))));

    expect(reason).toMatchObject({ code: 'invalid_envelope', fields: ['aggregate_type'] });
  });

  it('an event type outside the catalog is unknown_type', () => {
    const unknown = { ...envelope, event_type: 'message.sent' };

    expect(rejection(parseStreamEntry({ type: 'message.sent', data: JSON.stringify(unknown) }))).toMatchObject({
      code: 'unknown_type',
      fields: ['event_type'],
      event_type: 'message.sent',
      event_id: envelope.event_id,
    });
  });

  it('a version newer than the catalog is unsupported_version', () => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => (json.schema_version = 2))));

    expect(reason).toMatchObject({ code: 'unsupported_version', fields: ['schema_version'], ...ids });
  });

  it('a missing payload field is invalid_payload naming its path', () => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => delete json.payload.session_id)));

    expect(reason).toMatchObject({ code: 'invalid_payload', fields: ['payload.session_id'], ...ids });
  });

  it.each([
    ['component_type', 'Issue Raising'],
    ['component_type', 3],
    ['component_id', 'component-1'],
    ['cycle_id', null],
    ['started_at', '02/01/2026'],
    ['started_at', '2026-02-30T00:00:00Z'],
  ])('a wrong payload %s (%j) is invalid_payload naming it', (field, value) => {
    const reason = rejection(parseStreamEntry(entryOf(envelope, (json) => (json.payload[field] = value))));

    expect(reason).toMatchObject({ code: 'invalid_payload', fields: [`payload.${field}`] });
  });

  it('names nested payload paths', () => {
    const dq = sampleEnvelope('analysis.dq_computed');
    const reason = rejection(parseStreamEntry(entryOf(dq, (json) => (json.payload.element_scores[1].score = 101))));

    expect(reason).toMatchObject({ code: 'invalid_payload', fields: ['payload.element_scores.1.score'] });
  });

  it.each([
    ['analysis.pugh_computed', 'scores', { a1: 1.5 }],
    ['analysis.pugh_computed', 'dominated_alternatives', 'a2'],
    ['component.completed', 'output', ['not', 'an', 'object']],
    ['cycle.completed', 'dq_score', 101],
    ['conversation.message_sent', 'role', 'bot'],
    ['conversation.message_sent', 'content_preview', 'x'.repeat(101)],
    ['membership.upgraded', 'new_tier', 'gold'],
    ['membership.created', 'email', 'not-an-email'],
    ['session.created', 'title', 'x'.repeat(501)],
  ] as const)('%s with a wrong %s is invalid_payload naming it', (type, field, value) => {
    const reason = rejection(parseStreamEntry(entryOf(sampleEnvelope(type), (json) => (json.payload[field] = value))));

    expect(reason.code).toBe('invalid_payload');
    expect(reason.fields).toContain(`payload.${field}`);
  });

  it('a nested list entry that is not an object is invalid_payload naming its index', () => {
    const pugh = sampleEnvelope('analysis.pugh_computed');
    const reason = rejection(parseStreamEntry(entryOf(pugh, (json) => (json.payload.dominated_alternatives = ['a2']))));

    expect(reason).toMatchObject({ code: 'invalid_payload', fields: ['payload.dominated_alternatives.0'] });
  });

  it('accepts null where a field is nullable and rejects it where it is required', () => {
    const nullable = parseStreamEntry(entryOf(sampleEnvelope('cycle.completed'), (json) => (json.payload.dq_score = null)));
    const missing = parseStreamEntry(entryOf(sampleEnvelope('cycle.completed'), (json) => delete json.payload.dq_score));

    expect(nullable.ok).toBe(true);
    expect(rejection(missing)).toMatchObject({ code: 'invalid_payload', fields: ['payload.dq_score'] });
  });

  it('never echoes payload values in the reason', () => {
    const secret = 'my-secret-title-\u00e9';
    const bad = sampleEnvelope('session.created');
    const reason = rejection(
      parseStreamEntry(entryOf(bad, (json) => Object.assign(json.payload, { title: secret.repeat(100), user_id: 99, session_id: secret }))),
    );

    expect(reason.fields?.sort()).toEqual(['payload.session_id', 'payload.title', 'payload.user_id']);
    expect(JSON.stringify(reason)).not.toContain('my-secret');
  });
});
