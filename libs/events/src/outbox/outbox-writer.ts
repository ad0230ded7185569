import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { assertValidPendingEvent } from '../parse/validate-pending-event';
import { aggregateHash } from './aggregate-hash';
import { markOutboxWrite } from './commit-wakeup';

/**
 * Writes events to the outbox inside the caller's transaction (the one that writes the aggregate's rows).
 *
 * Sequence numbers come from `outbox_aggregate_sequences`: one statement per call bumps the counters (an upsert, in
 * a data-modifying CTE) and inserts the rows numbered from them, one round trip for any number of events. The upsert
 * row-locks each aggregate's counter until the caller commits or rolls back, so a second writer of the same aggregate
 * waits: an aggregate's sequence N+1 can only be inserted (and committed) after N committed, which is what lets the
 * relay publish by row state without ever seeing a later sequence before an earlier one. Counters are locked in
 * aggregate-id order so two transactions touching the same aggregates cannot deadlock within one call.
 */
export class OutboxWriter {
  async append(manager: EntityManager, events: PendingEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    // Outside a transaction the counter's row lock would end with its statement, and with it the ordering guarantee.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxWriter.append must run inside the transaction that writes the aggregate');
    // Validate everything first: a refused event must leave nothing behind, not even a bumped counter.
    for (const event of events) assertValidPendingEvent(event);
    const counts = new Map<string, number>();
    // How many later events of the same aggregate this call writes: its sequence is the bumped counter minus that.
    const back = new Array<number>(events.length);
    for (let i = events.length - 1; i >= 0; i--) {
      const seen = counts.get(events[i].aggregate_id) ?? 0;
      back[i] = seen;
      counts.set(events[i].aggregate_id, seen + 1);
    }
    const ids = [...counts.keys()].sort();
    const column = <T>(pick: (event: PendingEvent) => T) => events.map(pick);
    const rows: Array<{ event_id: string; sequence: string }> = await manager.query(APPEND_SQL, [
      ids,
      ids.map((id) => counts.get(id)!),
      column((e) => e.event_id),
      column((e) => e.event_type),
      column((e) => e.aggregate_type),
      column((e) => e.aggregate_id),
      column((e) => aggregateHash(e.aggregate_id)),
      back,
      column((e) => e.schema_version),
      column((e) => e.occurred_at),
      column((e) => e.metadata.correlation_id),
      column((e) => envelopeHead(e)),
    ]);
    const sequences = new Map(rows.map((row) => [row.event_id, Number(row.sequence)]));
    const envelopes = events.map((event) => toEnvelope(event, sequences.get(event.event_id)!));
    markOutboxWrite(manager);
    return envelopes;
  }
}

/**
 * The stored envelope is `envelopeHead(event) + ',"sequence":' + sequence + '}'`, byte for byte the
 * JSON.stringify of toEnvelope(event, sequence) (sequence is its last field), so the database can number it.
 */
const APPEND_SQL = `
  WITH counters AS (
    INSERT INTO outbox_aggregate_sequences (aggregate_id, last_sequence)
      SELECT id, n FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(id, n, ord) ORDER BY ord
    ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = outbox_aggregate_sequences.last_sequence + excluded.last_sequence
    RETURNING aggregate_id, last_sequence)
  INSERT INTO outbox_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, sequence,
                             schema_version, occurred_at, correlation_id, envelope)
    SELECT e.event_id, e.event_type, e.aggregate_type, e.aggregate_id, e.aggregate_hash, c.last_sequence - e.back,
           e.schema_version, e.occurred_at, e.correlation_id, e.head || ',"sequence":' || (c.last_sequence - e.back) || '}'
    FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::int[],
                $10::timestamptz[], $11::text[], $12::text[])
           WITH ORDINALITY AS e(event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, back,
                                schema_version, occurred_at, correlation_id, head, ord)
    JOIN counters c ON c.aggregate_id = e.aggregate_id
    ORDER BY e.ord
  RETURNING event_id, sequence`;

/** The envelope's JSON without its closing brace and without `sequence`, which the database appends. */
function envelopeHead(event: PendingEvent): string {
  return JSON.stringify(wireFields(event)).slice(0, -1);
}

/** Exactly the wire fields but `sequence`, in the wire order; anything else the caller's object carries stays out. */
function wireFields(event: PendingEvent): Omit<EventEnvelope, 'sequence'> {
  return {
    event_id: event.event_id,
    event_type: event.event_type,
    aggregate_id: event.aggregate_id,
    aggregate_type: event.aggregate_type,
    occurred_at: event.occurred_at,
    payload: event.payload,
    metadata: event.metadata,
    schema_version: event.schema_version,
  };
}

/** The wire envelope: sequence last. */
function toEnvelope(event: PendingEvent, sequence: number): EventEnvelope {
  return { ...wireFields(event), sequence };
}
