import { allStreams, EventEnvelope, StreamLayout } from '@choice-sherpa/events';
import Redis from 'ioredis';

/** Reads what the service published to its (test-unique) streams, in publication order per aggregate. */
export class StreamReader {
  private readonly redis: Redis;

  constructor(url: string, private readonly layout: StreamLayout) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  /** Every event on every partition, ordered by event id (UUID v7: creation order within the producing process). */
  async all(): Promise<EventEnvelope[]> {
    const entries = await Promise.all(allStreams(this.layout).map((stream) => this.redis.xrange(stream, '-', '+')));
    const events = entries.flat().map(([, fields]) => JSON.parse(fieldValue(fields, 'data')) as EventEnvelope);
    return events.sort((a, b) => (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0));
  }

  async ofTypes(...types: string[]): Promise<EventEnvelope[]> {
    return (await this.all()).filter((event) => types.includes(event.event_type));
  }

  async forAggregate(aggregateId: string): Promise<EventEnvelope[]> {
    return (await this.all()).filter((event) => event.aggregate_id === aggregateId).sort((a, b) => a.sequence - b.sequence);
  }

  async count(): Promise<number> {
    return (await this.all()).length;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function fieldValue(fields: string[], name: string): string {
  const index = fields.indexOf(name);
  if (index < 0 || index % 2 !== 0) throw new Error(`stream entry without ${name}`);
  return fields[index + 1];
}
