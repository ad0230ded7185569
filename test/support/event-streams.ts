import Redis from 'ioredis';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';

/** One envelope as it sits in its partition stream. */
export interface StreamedEvent {
  stream: string;
  entryId: string;
  envelope: EventEnvelope;
}

/**
 * Reads the events the services published under a stack's stream prefix (`${prefix}:p${n}`, the wire layout), so
 * tests take event ids, types and order from the streams themselves rather than from hard-coded expectations.
 */
export class EventStreams {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    readonly prefix: string,
    readonly partitions: number,
  ) {
    this.redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  }

  /** Every event in every partition, each partition in stream order. */
  async all(): Promise<StreamedEvent[]> {
    const events: StreamedEvent[] = [];
    for (let partition = 0; partition < this.partitions; partition++) {
      const stream = `${this.prefix}:p${partition}`;
      const entries = await this.redis.xrange(stream, '-', '+');
      for (const [entryId, fields] of entries) {
        const data = fields[fields.indexOf('data') + 1];
        events.push({ stream, entryId, envelope: JSON.parse(data) as EventEnvelope });
      }
    }
    return events;
  }

  /** The events of one decision session (payload.session_id), deduplicated by event id, in stream order per partition. */
  async ofSession(sessionId: string): Promise<EventEnvelope[]> {
    const seen = new Set<string>();
    return (await this.all())
      .map((entry) => entry.envelope)
      .filter((envelope) => (envelope.payload as { session_id?: string }).session_id === sessionId)
      .filter((envelope) => !seen.has(envelope.event_id) && seen.add(envelope.event_id) !== undefined);
  }

  /** Deletes every key under the prefix (streams, groups, leases): the stack's Redis state, and only it. */
  async deleteAll(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
