import { samplePayload, SAMPLE_IDS } from '../catalog/testing/sample-payloads';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { createEvent } from '../raising/event-factory';
import { assertValidEnvelope, assertValidPendingEvent, InvalidEventError, validatePendingEvent } from './validate-pending-event';

function pending(): PendingEvent {
  return createEvent('cycle.created', {
    aggregateId: SAMPLE_IDS.cycle,
    payload: samplePayload('cycle.created'),
    metadata: { correlationId: 'corr-1' },
  });
}

describe('validatePendingEvent', () => {
  it('accepts a factory-built event without a sequence', () => {
    expect(validatePendingEvent(pending())).toEqual({ ok: true });
    expect(() => assertValidPendingEvent(pending())).not.toThrow();
  });

  it('refuses an invalid payload before it is written, naming the field', () => {
    const event = { ...pending(), payload: { ...samplePayload('cycle.created'), created_at: new Date() } };

    expect(validatePendingEvent(event as unknown as PendingEvent)).toMatchObject({
      ok: false,
      reason: { code: 'invalid_payload', fields: ['payload.created_at'] },
    });
  });

  it('refuses a version other than the current one: producers never write old versions', () => {
    expect(validatePendingEvent({ ...pending(), schema_version: 2 })).toMatchObject({
      ok: false,
      reason: { code: 'unsupported_version' },
    });
  });

  it('assertValidPendingEvent throws an InvalidEventError carrying the reason', () => {
    const event = { ...pending(), aggregate_type: 'session' };

    expect(() => assertValidPendingEvent(event)).toThrow(InvalidEventError);
    try {
      assertValidPendingEvent(event);
    } catch (error) {
      expect((error as InvalidEventError).reason).toMatchObject({ code: 'invalid_envelope', fields: ['aggregate_type'] });
    }
  });

  it('assertValidEnvelope requires the sequence', () => {
    expect(() => assertValidEnvelope(pending() as EventEnvelope)).toThrow(/sequence/);
    expect(() => assertValidEnvelope({ ...pending(), sequence: 1 } as EventEnvelope)).not.toThrow();
  });
});
