import Redis from 'ioredis';
import { allStreams, StreamLayout } from '@choice-sherpa/events';
import { TEST_REDIS_URL, uniqueName } from '@choice-sherpa/platform/testing';
import { compareIds, StreamHistoryReader } from './stream-history.reader';

describe('StreamHistoryReader (real Redis)', () => {
  let redis: Redis;
  const layout: StreamLayout = { prefix: uniqueName('history'), partitions: 3 };

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.del(...allStreams(layout));
    await redis.quit();
  });

  it('compares entry ids numerically, milliseconds first', () => {
    expect(compareIds('9-1', '10-0')).toBeLessThan(0);
    expect(compareIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareIds('10-2', '10-2')).toBe(0);
    expect(compareIds('11-0', '10-99')).toBeGreaterThan(0);
  });

  it('reads every entry of every partition, across batch boundaries, merged in id order', async () => {
    const streams = allStreams(layout);
    const written: string[] = [];
    for (let i = 1; i <= 1300; i++) {
      const stream = streams[(i * 7) % 3];
      const id = `${1000 + Math.floor(i / 2)}-${i % 2}`;
      await redis.xadd(stream, id, 'type', 'x', 'data', String(i));
      written.push(id);
    }
    const reader = new StreamHistoryReader(redis, layout);
    const read: string[] = [];
    for await (const entry of reader.entries()) read.push(entry.id);
    expect(read).toEqual(written);
    expect(await reader.trimmedStreams()).toEqual([]);
    await redis.xtrim(streams[1], 'MAXLEN', 10);
    expect((await reader.trimmedStreams()).map((t) => t.stream)).toEqual([streams[1]]);
  });

  it('reads nothing from a layout without streams', async () => {
    const reader = new StreamHistoryReader(redis, { prefix: uniqueName('empty'), partitions: 2 });
    const read = [];
    for await (const entry of reader.entries()) read.push(entry);
    expect(read).toEqual([]);
  });
});
