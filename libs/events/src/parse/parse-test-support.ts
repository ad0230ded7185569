import type { EventType } from '../catalog/event-types';
import { sampleAggregateId, samplePayload } from '../catalog/sample-payloads';
import type { EventEnvelope } from '../envelope/event-envelope';
import { createEvent } from '../envelope/event-factory';

/** A valid committed envelope of `type` built with the factory (test support). */
export function sampleEnvelope(type: EventType, sequence = 1): EventEnvelope {
  const event = createEvent(type, {
    aggregateId: sampleAggregateId(type),
    payload: samplePayload(type),
    metadata: { correlationId: 'corr-1', userId: 'user-1' },
  });
  return { ...event, sequence } as EventEnvelope;
}

/** The stream entry fields the transport would carry for `envelope`, with the envelope JSON after `mutate`. */
export function entryOf(envelope: EventEnvelope, mutate: (json: Record<string, any>) => void = () => {}): Record<string, string> {
  const json = JSON.parse(JSON.stringify(envelope)) as Record<string, any>;
  mutate(json);
  return { type: envelope.event_type, data: JSON.stringify(json) };
}
