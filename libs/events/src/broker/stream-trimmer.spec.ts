import { uniqueName } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { trimStream } from './stream-trimmer';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('stream trimming', () => {
  let redis: Redis;
  let stream: string;
  beforeEach(() => {
    redis = new Redis(URL);
    stream = uniqueName('trim');
  });
  afterEach(async () => {
    await redis.del(stream);
    redis.disconnect();
  });

  const add = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await redis.xadd(stream, '*', 'type', 't', 'data', '{}')) as string);
    return ids;
  };
  const remaining = async () => ((await redis.xrange(stream, '-', '+')) as [string, string[]][]).map(([id]) => id);

  it('never removes entries a group has pending or has not been delivered yet', async () => {
    const ids = await add(10);
    await redis.xgroup('CREATE', stream, 'fast', '0');
    await redis.xgroup('CREATE', stream, 'slow', '0');
    await redis.xreadgroup('GROUP', 'fast', 'c', 'STREAMS', stream, '>');
    await redis.xack(stream, 'fast', ...ids);
    await redis.xreadgroup('GROUP', 'slow', 'c', 'COUNT', 6, 'STREAMS', stream, '>');
    await redis.xack(stream, 'slow', ...ids.slice(0, 3));
    await trimStream(redis, stream, 0);
    expect(await remaining()).toEqual(ids.slice(3));
  });

  it('keeps entries not yet delivered to a lagging group', async () => {
    const ids = await add(5);
    await redis.xgroup('CREATE', stream, 'reader', '0');
    await redis.xgroup('CREATE', stream, 'idle', '0');
    await redis.xreadgroup('GROUP', 'reader', 'c', 'STREAMS', stream, '>');
    await redis.xack(stream, 'reader', ...ids);
    await trimStream(redis, stream, 0);
    expect(await remaining()).toEqual(ids);
  });

  it('removes everything every group acknowledged once it is older than the retention window', async () => {
    const ids = await add(4);
    await redis.xgroup('CREATE', stream, 'only', '0');
    await redis.xreadgroup('GROUP', 'only', 'c', 'STREAMS', stream, '>');
    await redis.xack(stream, 'only', ...ids);
    await trimStream(redis, stream, 60_000);
    expect(await remaining()).toEqual(ids);
    await trimStream(redis, stream, 0);
    expect(await remaining()).toEqual([]);
  });
});
