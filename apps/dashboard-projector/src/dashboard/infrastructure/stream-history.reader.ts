import type Redis from 'ioredis';
import { allStreams, StreamLayout } from '@choice-sherpa/events';
import type { StreamEntry } from '../application/read-model-reset.port';

export interface TrimmedStream {
  stream: string;
  /** entries ever added minus entries still there: removed by trimming or XDEL */
  removed_entries: number;
}

const BATCH = 500;

/**
 * Reads every entry of the layout's partition streams, merged in entry-id order (the time Redis accepted them).
 * Within a partition that is each aggregate's commit order; across partitions it approximates it, which is all the
 * projection needs (its records are per aggregate, and branch copies are resolved by time, not by arrival).
 */
export class StreamHistoryReader {
  constructor(
    private readonly redis: Redis,
    private readonly layout: StreamLayout,
  ) {}

  /** Streams that lost entries to trimming or XDEL: a rebuild from them would miss events. */
  async trimmedStreams(): Promise<TrimmedStream[]> {
    const trimmed: TrimmedStream[] = [];
    for (const stream of allStreams(this.layout)) {
      if ((await this.redis.exists(stream)) === 0) continue;
      const info = (await this.redis.call('XINFO', 'STREAM', stream)) as unknown[];
      // entries-added (Redis 7+) counts every XADD ever; max-deleted-entry-id is not moved by XTRIM in 7.0
      const field = (name: string) => Number(info[info.indexOf(name) + 1]);
      if (!info.includes('entries-added')) continue;
      const removed = field('entries-added') - field('length');
      if (removed > 0) trimmed.push({ stream, removed_entries: removed });
    }
    return trimmed;
  }

  /** Entries up to each stream's last id at the start, oldest first across all partitions. */
  async *entries(): AsyncGenerator<StreamEntry> {
    const cursors = await Promise.all(allStreams(this.layout).map((stream) => this.cursor(stream)));
    const live = cursors.filter((c) => c.end !== null);
    for (const cursor of live) await cursor.fill();
    for (;;) {
      let next: (typeof live)[number] | undefined;
      for (const cursor of live) {
        if (cursor.head() && (!next || compareIds(cursor.head()!.id, next.head()!.id) < 0)) next = cursor;
      }
      if (!next) return;
      yield next.take();
      if (!next.head()) await next.fill();
    }
  }

  private async cursor(stream: string) {
    const redis = this.redis;
    const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[0] ?? null;
    let buffer: StreamEntry[] = [];
    let after = '-';
    let done = last === null;
    return {
      end: last,
      head: () => buffer[0],
      take: () => buffer.shift()!,
      async fill() {
        if (done || last === null) return;
        const batch = await redis.xrange(stream, after, last, 'COUNT', BATCH);
        buffer = batch.map(([id, flat]) => ({ stream, id, fields: toFields(flat) }));
        if (batch.length > 0) after = `(${batch[batch.length - 1][0]}`;
        if (batch.length < BATCH || batch[batch.length - 1][0] === last) done = true;
      },
    };
  }
}

function toFields(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}

export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}
