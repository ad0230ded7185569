import type { EventMetadataInput } from '../../envelope/event-metadata';
import { createEvent } from '../../raising/event-factory';
import type { EventPayloadMap, TypedEvent } from '../event-registry';
import type { EventType } from '../event-types';
import { sampleAggregateId, samplePayload } from './sample-payloads';

export interface SampleEventOptions<T extends EventType> {
  payload?: Partial<EventPayloadMap[T]>;
  aggregateId?: string;
  metadata?: EventMetadataInput;
  sequence?: number;
}

/** A valid committed event of `type` (test support): sample payload, fresh id, sequence 1 unless given. */
export function sampleEvent<T extends EventType>(type: T, options: SampleEventOptions<T> = {}): TypedEvent<T> {
  const event = createEvent(type, {
    aggregateId: options.aggregateId ?? sampleAggregateId(type),
    payload: samplePayload(type, options.payload),
    metadata: options.metadata ?? { correlationId: 'corr-sample', userId: 'user-sample-1' },
  });
  return { ...event, sequence: options.sequence ?? 1 };
}
