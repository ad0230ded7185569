import type { EventEnvelope, EventMetadata } from './event-envelope';

/** What a producer knows about the cause of an event; mapped to the snake_case wire metadata. */
export interface EventMetadataInput {
  correlationId: string;
  causationId?: string | null;
  userId?: string | null;
  traceId?: string | null;
}

export function toEventMetadata(input: EventMetadataInput): EventMetadata {
  return {
    correlation_id: input.correlationId,
    causation_id: input.causationId ?? null,
    user_id: input.userId ?? null,
    trace_id: input.traceId ?? null,
  };
}

/**
 * Metadata for an event a handler raises because of `parent`: same correlation (and user, trace), caused by the
 * parent's event id. A parent without a correlation id starts one at its own event id, so the chain stays linked.
 */
export function causedBy(
  parent: Pick<EventEnvelope, 'event_id' | 'metadata'>,
  extra: Partial<Omit<EventMetadataInput, 'causationId'>> = {},
): EventMetadataInput {
  return {
    correlationId: extra.correlationId ?? parent.metadata.correlation_id ?? parent.event_id,
    causationId: parent.event_id,
    userId: extra.userId !== undefined ? extra.userId : parent.metadata.user_id,
    traceId: extra.traceId !== undefined ? extra.traceId : parent.metadata.trace_id,
  };
}
