import { v7 as uuidv7 } from 'uuid';
import { EVENT_REGISTRY, EventPayloadMap } from '../catalog/event-registry';
import type { EventType } from '../catalog/event-types';
import type { PendingEvent } from '../envelope/event-envelope';
import { EventMetadataInput, toEventMetadata } from '../envelope/event-metadata';

export interface CreateEventInput<T extends EventType> {
  aggregateId: string;
  payload: EventPayloadMap[T];
  metadata: EventMetadataInput;
  /** Defaults to now. */
  occurredAt?: Date;
}

export type PendingEventOf<T extends EventType> = PendingEvent<T, EventPayloadMap[T]>;

/**
 * Builds an event ready for the outbox: a time-ordered id (UUID v7), the time in RFC 3339 UTC, the type's current
 * schema version and its aggregate type from the registry. The outbox writer assigns `sequence` and validates.
 */
export function createEvent<T extends EventType>(type: T, input: CreateEventInput<T>): PendingEventOf<T> {
  const definition = EVENT_REGISTRY[type];
  if (!definition) throw new Error(`unknown event type ${String(type)}`);
  return {
    event_id: uuidv7(),
    event_type: type,
    aggregate_id: input.aggregateId,
    aggregate_type: definition.aggregateType,
    occurred_at: (input.occurredAt ?? new Date()).toISOString(),
    payload: input.payload,
    metadata: toEventMetadata(input.metadata),
    schema_version: definition.schemaVersion,
  };
}
