import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { RedisStreamsClient } from './testing/redis-streams.client';
import type { RedisStreamsContext } from './redis-streams.context';
import type { TransportEvent } from './parse-seam';
import { RedisStreamsServer } from './stream-transport.server';
import { createConsumerDataSource, FAST, layoutFor, makeEvent, publishAll, startConsumer } from './testing/transport-harness';

type BatchFn = (events: TransportEvent[], context: RedisStreamsContext) => Promise<void>;

/**
 * Idempotent handlers of a read's leading entries share one transaction (one commit for many events); a failing
 * entry rolls back alone, the ones before it commit, and the rest go one by one in order.
 * A batch handler receives a read's events at once, in stream order, already parsed; only those not yet processed,
 * inside the read's one transaction; a batch that fails is handled again one event at a time.
 */
describe('idempotent handling of a read in one transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let client: RedisStreamsClient;
  let server: RedisStreamsServer | undefined;
  let layout: ReturnType<typeof layoutFor>;
  const handler = 'batch-effects';

  beforeEach(async () => {
    database = await createTestDatabase('transport_batch');
    dataSource = await createConsumerDataSource(database.url);
    await dataSource.query('CREATE TABLE batch_effects (event_id uuid PRIMARY KEY, aggregate text NOT NULL, sequence int NOT NULL, txid bigint NOT NULL)');
    layout = layoutFor(uniqueName('batchh'), 1);
    client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
  });
  afterEach(async () => {
    await server?.close();
    await client.close();
    await dataSource.destroy();
    await database.drop();
  });

  async function start(apply: BatchFn, maxDeliveries = 5): Promise<void> {
    server = new RedisStreamsServer({ ...FAST, url: TEST_REDIS_URL, layout, group: uniqueName('svc'), dataSource, maxDeliveries });
    server.addHandler('*', (events: TransportEvent[], context: RedisStreamsContext) => apply(events, context), true, { handler, batch: true });
    await new Promise<void>((resolve, reject) => server!.listen((error?: unknown) => (error ? reject(error) : resolve())));
  }

  const insertRows = async (events: TransportEvent[], context: RedisStreamsContext) => {
    await context.requireManager().query(
      `INSERT INTO batch_effects (event_id, aggregate, sequence, txid)
       SELECT id, aggregate, sequence, txid_current() FROM unnest($1::uuid[], $2::text[], $3::int[]) AS t(id, aggregate, sequence)`,
      [events.map((e) => e.event_id), events.map((e) => e.aggregate_id), events.map((e) => e.sequence)],
    );
  };
  const count = async (table: string) => (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('commits a backlog in shared transactions, rolls back only a failing entry, and never goes back in order', async () => {
    const events = Array.from({ length: 10 }, (_, i) => makeEvent('agg-1', i + 1));
    const failing = events[4];
    let failuresLeft = 1;
    const invoked: number[] = [];
    await publishAll(client, events); // a backlog: the consumer's first read returns all ten
    server = await startConsumer({ url: TEST_REDIS_URL, layout, group: uniqueName('svc'), dataSource }, async (event, context) => {
      invoked.push(event.sequence);
      const manager = context.requireManager();
      await manager.query('INSERT INTO batch_effects (event_id, aggregate, sequence, txid) VALUES ($1, $2, $3, txid_current())', [event.event_id, event.aggregate_id, event.sequence]);
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
  it('hands a batch handler a backlog in one call and one transaction, skipping events already processed', async () => {
    const events = Array.from({ length: 12 }, (_, i) => makeEvent(`agg-${i % 3}`, Math.floor(i / 3) + 1));
    const done = [events[2], events[7]];
    for (const event of done) await dataSource.query('INSERT INTO processed_events (event_id, handler) VALUES ($1, $2)', [event.event_id, handler]);
    await publishAll(client, [...events, events[5]]); // events[5] twice, as a relay retry publishes it
    const calls: TransportEvent[][] = [];
    await start(async (batch, context) => {
      calls.push(batch);
      await insertRows(batch, context);
    });

    await waitFor(async () => (await count('batch_effects')) === 10, { what: 'ten effects' });
    expect(calls).toHaveLength(1);
    const expected = events.filter((event) => !done.includes(event)).map((event) => event.event_id);
    expect(calls[0].map((event) => event.event_id)).toEqual(expected);
    const rows: { txid: string }[] = await dataSource.query('SELECT DISTINCT txid FROM batch_effects');
    expect(rows).toHaveLength(1);
    expect(await count('processed_events')).toBe(12);
  });

  it('falls back to one event at a time when a batch handler fails: a poison event dead-letters alone, the others apply once in order', async () => {
    const events = Array.from({ length: 9 }, (_, i) => makeEvent(`agg-${i % 3}`, Math.floor(i / 3) + 1));
    const poison = events[4];
    const sizes: number[] = [];
    await publishAll(client, events);
    await start(async (batch, context) => {
      sizes.push(batch.length);
      await insertRows(batch, context);
      if (batch.some((event) => event.event_id === poison.event_id)) throw new Error('poison');
    }, 3);

    await waitFor(async () => (await count('dead_letter_events')) === 1 && (await count('batch_effects')) === 8, { what: 'eight effects and one dead letter' });
    const letters: { event_id: string; handler: string; attempts: number }[] = await dataSource.query('SELECT event_id, handler, attempts FROM dead_letter_events');
    expect(letters).toEqual([{ event_id: poison.event_id, handler, attempts: 3 }]);
    expect(sizes[0]).toBe(9); // the whole read first, then one by one
    expect(sizes.slice(1).every((size) => size === 1)).toBe(true);
    const rows: { event_id: string; aggregate: string; sequence: number }[] = await dataSource.query('SELECT event_id, aggregate, sequence FROM batch_effects ORDER BY txid');
    for (const aggregate of ['agg-0', 'agg-1', 'agg-2']) {
      const sequences = rows.filter((row) => row.aggregate === aggregate).map((row) => row.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    }
    expect(rows.map((row) => row.event_id).sort()).toEqual(events.filter((e) => e !== poison).map((e) => e.event_id).sort());
    // the poison's processed_events row rolled back with its effect: a replay may still apply it
    expect(await count('processed_events')).toBe(8);
  });
});
