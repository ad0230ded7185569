import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { parseStreamEntry } from '../../parse/parse-event';
import { allStreams, StreamLayout, streamFor } from '../../streams/stream-layout';
import type { PendingEvent } from '../../envelope/event-envelope';
import { sampleEvent } from '../../catalog/testing/sample-events';
import type { EventType } from '../../catalog/event-types';
import { OUTBOX_MIGRATIONS } from '../outbox.migrations';

/** A DataSource on a test database with the outbox tables migrated. */
export async function createOutboxDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: OUTBOX_MIGRATIONS, poolSize });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** A valid event for the outbox (no sequence yet) on the given aggregate. */
export function pendingEvent(aggregateId: string, type: EventType = 'component.started'): PendingEvent {
  const { sequence: _sequence, ...pending } = sampleEvent(type, { aggregateId });
  return pending as PendingEvent;
}

export interface StreamEvent {
  stream: string;
  entryId: string;
  eventId: string;
  aggregateId: string;
  sequence: number;
}

/** Every entry of every stream of the layout, parsed by the transport's own parser (which must accept it). */
export async function readAllEntries(redis: Redis, layout: StreamLayout): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for (const stream of allStreams(layout)) {
    const entries = (await redis.xrange(stream, '-', '+')) as Array<[string, string[]]>;
    for (const [entryId, flat] of entries) {
      const fields: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
      const parsed = parseStreamEntry(fields);
      if (!parsed.ok) throw new Error(`entry ${entryId} on ${stream} refused by the parser: ${parsed.reason.code}`);
      const event = parsed.event;
      out.push({ stream, entryId, eventId: event.event_id, aggregateId: event.aggregate_id, sequence: event.sequence });
    }
  }
  return out;
}

/**
 * Checks the stream contract for one layout: every expected event present, and for each aggregate the FIRST
 * occurrences of its events (redelivered duplicates dropped, as consumers deduplicate by event_id) come in strictly
 * increasing sequence order, all in the aggregate's own stream. Returns the number of duplicate entries.
 */
export function assertStreamContract(entries: StreamEvent[], expectedEventIds: Iterable<string>, layout: StreamLayout): { duplicates: number } {
  const seen = new Set<string>();
  const lastSequence = new Map<string, number>();
  let duplicates = 0;
  for (const entry of entries) {
    if (entry.stream !== streamFor(layout, entry.aggregateId)) throw new Error(`event ${entry.eventId} is on ${entry.stream}, not its aggregate's stream`);
    if (seen.has(entry.eventId)) {
      duplicates++;
      continue;
    }
    seen.add(entry.eventId);
    const last = lastSequence.get(entry.aggregateId) ?? 0;
    if (entry.sequence <= last) throw new Error(`aggregate ${entry.aggregateId}: sequence ${entry.sequence} after ${last}`);
    lastSequence.set(entry.aggregateId, entry.sequence);
  }
  const missing = [...expectedEventIds].filter((id) => !seen.has(id));
  if (missing.length > 0) throw new Error(`${missing.length} events missing from the streams, e.g. ${missing[0]}`);
  return { duplicates };
}
