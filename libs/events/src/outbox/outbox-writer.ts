import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { assertValidPendingEvent } from '../parse/validate-pending-event';
import { aggregateHash } from './aggregate-hash';
import { markOutboxWrite } from './commit-wakeup';

/**
 * Writes events to the outbox inside the caller's transaction (the one that writes the aggregate's rows).
 *
 * Sequence numbers come from `outbox_aggregate_sequences` with one upsert per call. The upsert row-locks each
 * aggregate's counter until the caller commits or rolls back, so a second writer of the same aggregate waits:
 * an aggregate's sequence N+1 can only be inserted (and committed) after N committed, which is what lets the relay
 * publish by row state without ever seeing a later sequence before an earlier one. Counters are locked in
 * aggregate-id order so two transactions touching the same aggregates cannot deadlock within one call.
 */
export class OutboxWriter {
  async append(manager: EntityManager, events: PendingEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    // Outside a transaction the counter's row lock would end with its statement, and with it the ordering guarantee.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxWriter.append must run inside the transaction that writes the aggregate');
    // Validate everything first: a refused event must leave nothing behind, not even a bumped counter.
    for (const event of events) assertValidPendingEvent(event);
    const next = await this.reserveSequences(manager, events);
    const envelopes = events.map((event) => {
      const sequence = next.get(event.aggregate_id)!;
      next.set(event.aggregate_id, sequence + 1);
      return toEnvelope(event, sequence);
    });
    await this.insert(manager, envelopes);
    markOutboxWrite(manager);
    return envelopes;
  }

  /** Returns, per aggregate, the first sequence reserved for this call. */
  private async reserveSequences(manager: EntityManager, events: PendingEvent[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.aggregate_id, (counts.get(event.aggregate_id) ?? 0) + 1);
    const ids = [...counts.keys()].sort();
    const rows: Array<{ aggregate_id: string; last_sequence: string }> = await manager.query(
      `INSERT INTO outbox_aggregate_sequences (aggregate_id, last_sequence)
         SELECT id, n FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(id, n, ord) ORDER BY ord
       ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = outbox_aggregate_sequences.last_sequence + excluded.last_sequence
       RETURNING aggregate_id, last_sequence`,
      [ids, ids.map((id) => counts.get(id)!)],
    );
    const first = new Map<string, number>();
    for (const row of rows) first.set(row.aggregate_id, Number(row.last_sequence) - counts.get(row.aggregate_id)! + 1);
    return first;
  }

  private async insert(manager: EntityManager, envelopes: EventEnvelope[]): Promise<void> {
    const column = <T>(pick: (envelope: EventEnvelope) => T) => envelopes.map(pick);
    await manager.query(
      `INSERT INTO outbox_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, sequence,
                                  schema_version, occurred_at, correlation_id, envelope)
         SELECT event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, sequence, schema_version,
                occurred_at, correlation_id, envelope
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[],
                     $8::timestamptz[], $9::text[], $10::text[])
              WITH ORDINALITY AS r(event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, sequence,
                                   schema_version, occurred_at, correlation_id, envelope, ord)
         ORDER BY ord`,
      [
        column((e) => e.event_id),
        column((e) => e.event_type),
        column((e) => e.aggregate_type),
        column((e) => e.aggregate_id),
        column((e) => aggregateHash(e.aggregate_id)),
        column((e) => e.sequence),
        column((e) => e.schema_version),
        column((e) => e.occurred_at),
        column((e) => e.metadata.correlation_id),
        column((e) => JSON.stringify(e)),
      ],
    );
  }
}

/** Exactly the wire fields, in the wire order; anything else the caller's object carries stays out. */
function toEnvelope(event: PendingEvent, sequence: number): EventEnvelope {
  return {
    event_id: event.event_id,
    event_type: event.event_type,
    aggregate_id: event.aggregate_id,
    aggregate_type: event.aggregate_type,
    occurred_at: event.occurred_at,
    payload: event.payload,
    metadata: event.metadata,
    schema_version: event.schema_version,
    sequence,
  };
}
