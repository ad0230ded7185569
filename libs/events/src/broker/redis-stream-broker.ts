import type Redis from 'ioredis';
import { createRedis } from './redis-connection';
import { groupLag, trimStream } from './stream-trimmer';
import { RedisLeaseStore } from './redis-lease-store';
import type { AppendedEntry, BlockingReader, PendingSummary, StreamBroker, StreamEntry } from './stream-broker';

type RawEntry = [id: string, fields: string[] | null];

/**
 * The stream port on Redis Streams: XADD, consumer groups (XREADGROUP, XACK, XPENDING, XAUTOCLAIM), MINID trimming,
 * leases as keys. Blocking reads get a connection each, which never resends a timed-out read after a reconnect.
 */
export class RedisStreamBroker implements StreamBroker {
  readonly kind = 'redis';
  readonly leases: RedisLeaseStore;

  /** `commands` is owned (closed by close()); `url` opens the blocking readers' connections. */
  constructor(
    private readonly commands: Redis,
    private readonly url?: string,
  ) {
    this.leases = new RedisLeaseStore(commands);
  }

  static connect(url: string, commandTimeoutMs: number, name: string): RedisStreamBroker {
    return new RedisStreamBroker(createRedis(url, commandTimeoutMs, name), url);
  }

  get connection(): Redis {
    return this.commands;
  }

  recoveryPoint(): null {
    return null;
  }

  async connect(): Promise<void> {
    if (this.commands.status === 'wait') await this.commands.connect();
  }

  async close(): Promise<void> {
    // QUIT waits for Redis; a Redis that is down must not hold up the shutdown.
    const quit = this.commands.quit().catch(() => undefined);
    await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    this.commands.disconnect();
  }

  /** One pipeline (one round trip); throws unless Redis confirmed every XADD. */
  async append(entries: AppendedEntry[]): Promise<string[]> {
    const pipeline = this.commands.pipeline();
    for (const { stream, fields } of entries) pipeline.xadd(stream, '*', ...Object.entries(fields).flat());
    const results = await pipeline.exec();
    if (!results) throw new Error('redis pipeline returned no results');
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return results.map(([, id]) => id as string);
  }

  async ensureGroup(stream: string, group: string): Promise<void> {
    try {
      await this.commands.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
  }

  async readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]> {
    const reply = (await this.commands.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, '0')) as [string, RawEntry[]][] | null;
    return toEntries(reply);
  }

  async pendingSummary(stream: string, group: string): Promise<PendingSummary> {
    const [total, , , consumers] = (await this.commands.xpending(stream, group)) as [number, string | null, string | null, [string, string][] | null];
    return { total, consumers: new Map((consumers ?? []).map(([name, n]) => [name, Number(n)])) };
  }

  async deliveryCounts(stream: string, group: string, consumer: string, start: string, end: string, count: number): Promise<Map<string, number>> {
    const rows = (await this.commands.xpending(stream, group, start, end, count, consumer)) as [string, string, number, number][];
    return new Map(rows.map(([id, , , deliveries]) => [id, deliveries]));
  }

  async claimIdle(stream: string, group: string, consumer: string, idleMs: number): Promise<void> {
    let cursor = '0-0';
    do {
      const [next, claimed] = (await this.commands.xautoclaim(stream, group, consumer, idleMs, cursor, 'COUNT', 100, 'JUSTID')) as [string, string[]];
      cursor = next;
      if (claimed.length === 0 && cursor === '0-0') break;
    } while (cursor !== '0-0');
  }

  async ack(stream: string, group: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.commands.xack(stream, group, ...ids);
  }

  lag(stream: string, group: string): Promise<number | null> {
    return groupLag(this.commands, stream, group);
  }

  trim(stream: string, retentionMs: number): Promise<number> {
    return trimStream(this.commands, stream, retentionMs);
  }

  openReader(name: string, timeoutMs: number): BlockingReader {
    if (!this.url) throw new Error('this Redis broker publishes only (no URL for blocking readers)');
    // A reader is dropped (interrupt, close) while blocked: its socket goes at once, not after ioredis' 2 s grace, so
    // a stopping consumer (and a test worker) does not wait on it.
    return new RedisBlockingReader(createRedis(this.url, timeoutMs, name, { resendAfterReconnect: false, disconnectTimeoutMs: 100 }));
  }
}

class RedisBlockingReader implements BlockingReader {
  constructor(private readonly redis: Redis) {}

  async readNew(stream: string, group: string, consumer: string, count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = (await this.redis.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as
      | [string, RawEntry[]][]
      | null;
    return toEntries(reply);
  }

  /** A blocking XREADGROUP cannot be cancelled on its connection: dropping the connection ends it. */
  interrupt(): void {
    this.redis.disconnect();
  }

  close(): void {
    this.redis.disconnect();
  }
}

function toEntries(reply: [string, RawEntry[]][] | null): StreamEntry[] {
  return (reply?.[0]?.[1] ?? []).map(([id, flat]) => ({ id, fields: flat ? toFields(flat) : null }));
}

function toFields(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}
