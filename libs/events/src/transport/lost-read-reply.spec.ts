import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { streamKey } from '../streams/stream-layout';
import type { RedisStreamsServer } from './stream-transport.server';
import { createConsumerDataSource, layoutFor, makeEvent, startConsumer } from './testing/transport-harness';

/**
 * A read whose reply is lost (the connection drops after Redis executed XREADGROUP >) leaves the entry in the
 * partition consumer's own pending list. Seen after Redis restarts: ioredis resent a blocking read its caller had
 * already given up on. The reader must find such entries by itself, not only after its next error.
 */
describe('an entry delivered to the partition consumer by a read whose reply was lost', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let server: RedisStreamsServer | undefined;

  beforeEach(async () => {
    database = await createTestDatabase('transport_lost_reply');
    dataSource = await createConsumerDataSource(database.url);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    await server?.close();
    redis.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  it('is handled while the reader keeps running, without any error to trigger it', async () => {
    const layout = layoutFor(uniqueName('lost'), 1);
    const group = uniqueName('svc');
    const stream = streamKey(layout, 0);
    const handled: string[] = [];
    server = await startConsumer({ url: TEST_REDIS_URL, layout, group, dataSource }, (event) => void handled.push(event.event_id));
    await waitFor(async () => (await redis.exists(stream)) === 1, { what: 'the group on the partition stream' });

    // XADD and the consumer's own XREADGROUP in one MULTI: the running reader, blocked on the same stream, cannot
    // receive the entry; it lands in the pending list of the partition's consumer name as if its reply was lost.
    const lost = makeEvent('agg-lost', 1);
    const results = await redis
      .multi()
      .xadd(stream, '*', 'type', lost.event_type, 'data', JSON.stringify(lost))
      .xreadgroup('GROUP', group, `${group}-p0`, 'COUNT', 1, 'STREAMS', stream, '>')
      .exec();
    expect(results?.every(([error]) => error === null)).toBe(true);
    expect(((await redis.xpending(stream, group)) as [number])[0]).toBe(1);

    await waitFor(() => handled.includes(lost.event_id), { timeoutMs: 15_000, what: 'the orphaned entry handled' });
    await waitFor(async () => ((await redis.xpending(stream, group)) as [number])[0] === 0, { what: 'the entry acknowledged' });
    expect(handled.filter((id) => id === lost.event_id)).toHaveLength(1);
  });
});
