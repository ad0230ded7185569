import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { RedisStreamsClient } from './redis-streams.client';
import type { RedisStreamsServer } from './stream-transport.server';
import { createConsumerDataSource, layoutFor, makeEvent, publishAll, startConsumer } from './testing/transport-harness';

/**
 * Idempotent handlers of a read's leading entries share one transaction (one commit for many events); a failing
 * entry rolls back alone, the ones before it commit, and the rest go one by one in order.
 */
describe('idempotent handling of a read in one transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let client: RedisStreamsClient;
  let server: RedisStreamsServer | undefined;
  let layout: ReturnType<typeof layoutFor>;

  beforeEach(async () => {
    database = await createTestDatabase('transport_batch');
    dataSource = await createConsumerDataSource(database.url);
    await dataSource.query('CREATE TABLE batch_effects (event_id uuid PRIMARY KEY, sequence int NOT NULL, txid bigint NOT NULL)');
    layout = layoutFor(uniqueName('batch'), 1);
    client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
  });
  afterEach(async () => {
    await server?.close();
    await client.close();
    await dataSource.destroy();
    await database.drop();
  });

  it('commits a backlog in shared transactions, rolls back only a failing entry, and never goes back in order', async () => {
    const events = Array.from({ length: 10 }, (_, i) => makeEvent('agg-1', i + 1));
    const failing = events[4];
    let failuresLeft = 1;
    const invoked: number[] = [];
    await publishAll(client, events); // a backlog: the consumer's first read returns all ten
    server = await startConsumer({ url: TEST_REDIS_URL, layout, group: uniqueName('svc'), dataSource }, async (event, context) => {
      invoked.push(event.sequence);
      const manager = context.requireManager();
      await manager.query('INSERT INTO batch_effects (event_id, sequence, txid) VALUES ($1, $2, txid_current())', [event.event_id, event.sequence]);
      if (event.event_id === failing.event_id && failuresLeft-- > 0) throw new Error('transient failure');
    });

    await waitFor(async () => (await dataSource.query('SELECT count(*)::int AS n FROM batch_effects'))[0].n === 10, { what: 'ten effects' });
    const rows: { sequence: number; txid: string }[] = await dataSource.query('SELECT sequence, txid FROM batch_effects ORDER BY sequence');
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Entries 1-4 committed together before the failing entry; the failing one was retried on its own.
    expect(new Set(rows.slice(0, 4).map((row) => row.txid)).size).toBe(1);
    expect(rows[4].txid).not.toBe(rows[0].txid);
    // The handler saw entry 5 twice in a row, and never an earlier entry after a later one.
    expect(invoked).toEqual([1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10]);
    expect((await dataSource.query('SELECT count(*)::int AS n FROM processed_events'))[0].n).toBe(10);
    expect((await dataSource.query('SELECT count(*)::int AS n FROM dead_letter_events'))[0].n).toBe(0);
  });
});
