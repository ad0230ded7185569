/**
 * The wire envelope (ARCHITECTURE.md "Wire format"): snake_case JSON, exactly the seed's EventEnvelope fields plus
 * `schema_version` and the per-aggregate `sequence`. Other languages read our streams, so this shape is fixed.
 */
export interface EventMetadata {
  correlation_id: string | null;
  causation_id: string | null;
  user_id: string | null;
  trace_id: string | null;
}

export interface EventEnvelope<TType extends string = string, TPayload = Record<string, unknown>> {
  event_id: string;
  event_type: TType;
  aggregate_id: string;
  aggregate_type: string;
  /** RFC 3339 UTC */
  occurred_at: string;
  payload: TPayload;
  metadata: EventMetadata;
  /** Integer, starts at 1 for every event type; bumped when a field is removed or retyped. */
  schema_version: number;
  /** Per-aggregate, starts at 1, assigned by the outbox writer when the event is committed. */
  sequence: number;
}

/** A Redis stream entry holds exactly these two fields (the seed's RedisEventBus). */
export interface StreamEntryFields {
  type: string;
  data: string;
}

/** An event as raised and handed to the outbox, before the outbox writer assigns its per-aggregate `sequence`. */
export type PendingEvent<TType extends string = string, TPayload = Record<string, unknown>> = Omit<
  EventEnvelope<TType, TPayload>,
  'sequence'
>;
