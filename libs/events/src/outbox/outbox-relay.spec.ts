import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { allStreams, StreamLayout } from '../streams/stream-layout';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { OutboxWriter } from './outbox-writer';
import { assertStreamContract, createOutboxDataSource, pendingEvent, readAllEntries } from './testing/outbox-harness';
import { UnitOfWork } from './unit-of-work';

describe('OutboxRelay', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let layout: StreamLayout;
  const writer = new OutboxWriter();
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('outbox_relay');
    dataSource = await createOutboxDataSource(database.url, 10);
    redis = new Redis(TEST_REDIS_URL);
    layout = { prefix: uniqueName('ob'), partitions: 4 };
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await redis.del(...allStreams(layout));
    redis.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  const relay = (options: Partial<OutboxRelayOptions> = {}) => {
    const created = new OutboxRelay({ dataSource, redisUrl: TEST_REDIS_URL, layout, metricsIntervalMs: 0, cleanupIntervalMs: 0, ...options });
    relays.push(created);
    return created;
  };
  const commit = (events = [pendingEvent('agg-1')]) => dataSource.transaction((manager) => writer.append(manager, events));
  const pendingCount = async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL'))[0].n);
  const entries = () => readAllEntries(redis, layout);

  it('publishes committed rows as `type` + `data` entries the transport parser accepts, then marks them published', async () => {
    const written = [...(await commit([pendingEvent('agg-a'), pendingEvent('agg-b'), pendingEvent('agg-a')])), ...(await commit([pendingEvent('agg-a', 'session.renamed')]))];
    expect(await relay().publishPending()).toBe(4);
    const stream = await entries();
    expect(stream).toHaveLength(4);
    assertStreamContract(stream, written.map((e) => e.event_id), layout);
    const [first] = (await redis.xrange(stream[0].stream, stream[0].entryId, stream[0].entryId)) as Array<[string, string[]]>;
    expect(first[1][0]).toBe('type');
    expect(first[1][2]).toBe('data');
    const published = written.find((e) => e.event_id === stream[0].eventId)!;
    expect(first[1][1]).toBe(published.event_type);
    expect(JSON.parse(first[1][3])).toEqual(published);
    expect(await pendingCount()).toBe(0);
    expect(await relay().publishPending()).toBe(0);
    const counter = await register.getSingleMetric('events_published_total')!.get();
    expect(counter.values.some((v) => v.labels.event_type === 'session.renamed' && v.value >= 1)).toBe(true);
  });

  it('the gap: a row whose transaction took an earlier id but commits later is still published, in order for its aggregate', async () => {
    const t1 = dataSource.createQueryRunner();
    await t1.connect();
    await t1.startTransaction();
    const [a1] = await writer.append(t1.manager, [pendingEvent('agg-late')]);
    const [b1] = await commit([pendingEvent('agg-other')]);
    // T3 writes the same aggregate as T1: it must wait on T1's sequence row until T1 commits.
    const t3 = dataSource.transaction((manager) => writer.append(manager, [pendingEvent('agg-late')]));
    await waitFor(
      async () => Number((await dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database.name]))[0].n) === 1,
      { what: 'T3 waiting on the aggregate sequence lock' },
    );
    const runner = relay();
    expect(await runner.publishPending()).toBe(1);
    expect((await entries()).map((e) => e.eventId)).toEqual([b1.event_id]);
    await t1.commitTransaction();
    await t1.release();
    const [a2] = await t3;
    expect(a2.sequence).toBe(2);
    const ids = await dataSource.query<Array<{ id: string; event_id: string }>>('SELECT id, event_id FROM outbox_events ORDER BY id');
    expect(ids.map((row) => row.event_id)).toEqual([a1.event_id, b1.event_id, a2.event_id]); // T1 took the earliest id
    await waitFor(async () => (await runner.publishPending()) === 0 && (await pendingCount()) === 0, { what: 'late rows published' });
    const stream = await entries();
    assertStreamContract(stream, [a1, b1, a2].map((e) => e.event_id), layout);
    expect(stream.filter((e) => e.aggregateId === 'agg-late').map((e) => e.sequence)).toEqual([1, 2]);
  });

  it('keeps flowing past ids burnt by rolled-back transactions', async () => {
    relay({ minPollMs: 2, maxPollMs: 20 }).start();
    const committed: string[] = [];
    const rolledBack: string[] = [];
    for (let i = 0; i < 60; i++) {
      const event = pendingEvent(`agg-${i % 5}`);
      if (i % 3 === 1) {
        await dataSource
          .transaction(async (manager) => {
            await writer.append(manager, [event]);
            throw new Error('rolled back on purpose');
          })
          .catch(() => undefined);
        rolledBack.push(event.event_id);
      } else {
        await commit([event]);
        committed.push(event.event_id);
      }
    }
    await waitFor(async () => (await pendingCount()) === 0 && (await entries()).length === committed.length, { what: 'every committed event relayed' });
    const stream = await entries();
    assertStreamContract(stream, committed, layout);
    expect(stream.some((e) => rolledBack.includes(e.eventId))).toBe(false);
    // ids are gapped: the relay never waited for the missing ones.
    const maxId = Number((await dataSource.query('SELECT max(id) AS m FROM outbox_events'))[0].m);
    expect(maxId).toBeGreaterThan(committed.length);
  });

  it('is woken in-process after a commit that wrote outbox rows, without waiting for its poll', async () => {
    const background = relay({ minPollMs: 60_000, maxPollMs: 60_000 });
    background.start();
    // After its first (idle) pass the relay sleeps for a minute: only the wake-up can make it publish in time.
    await waitFor(() => background.passCount >= 1, { what: 'first pass done' });
    const [viaWriter] = await commit([pendingEvent('agg-woken')]);
    await waitFor(async () => (await entries()).some((e) => e.eventId === viaWriter.event_id), { timeoutMs: 10_000, what: 'woken after a plain transaction' });
    const unitOfWork = new UnitOfWork(dataSource, writer, () => background.wake());
    const viaUnitOfWork = pendingEvent('agg-woken');
    await unitOfWork.run(async ({ manager, publish }) => {
      await manager.query('SELECT 1');
      publish(viaUnitOfWork);
    });
    await waitFor(async () => (await entries()).some((e) => e.eventId === viaUnitOfWork.event_id), { timeoutMs: 10_000, what: 'woken after UnitOfWork' });
    expect(background.passCount).toBeLessThanOrEqual(6);
  });

  it('deletes published rows past the retention and re-publishes retained rows from a point in time', async () => {
    const since = new Date(Date.now() - 1_000);
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 30; i++) events.push(...(await commit([pendingEvent(`agg-${i % 4}`), pendingEvent(`agg-${(i + 1) % 4}`)])));
    const runner = relay({ batchSize: 16 });
    while ((await runner.publishPending()) > 0);
    expect(await pendingCount()).toBe(0);
    // Redis lost the streams: re-publish everything published since `since`, in order.
    await redis.del(...allStreams(layout));
    const pendingLate = await commit([pendingEvent('agg-0')]);
    expect(await runner.republishSince(since)).toBe(events.length + 1);
    assertStreamContract(await entries(), [...events, ...pendingLate].map((e) => e.event_id), layout);
    expect(await pendingCount()).toBe(0);
    // Nothing is old enough yet; once the rows are older than the retention they go, pending rows never do.
    expect(await runner.cleanup()).toBe(0);
    const unpublished = await commit([pendingEvent('agg-9')]);
    await dataSource.query(`UPDATE outbox_events SET published_at = now() - interval '8 days' WHERE published_at IS NOT NULL`);
    expect(await runner.cleanup()).toBe(events.length + 1);
    expect((await dataSource.query('SELECT event_id FROM outbox_events')).map((r: { event_id: string }) => r.event_id)).toEqual([unpublished[0].event_id]);
    const [next] = await commit([pendingEvent('agg-0')]);
    expect(next.sequence).toBeGreaterThan(pendingLate[0].sequence); // sequences survive cleanup
  });

  it('reports outbox_pending_count and outbox_age_seconds', async () => {
    await commit([pendingEvent('agg-m'), pendingEvent('agg-m')]);
    await dataSource.query(`UPDATE outbox_events SET created_at = now() - interval '30 seconds'`);
    const runner = relay();
    await runner.refreshMetrics();
    const value = async (name: string) => (await register.getSingleMetric(name)!.get()).values[0].value;
    expect(await value('outbox_pending_count')).toBe(2);
    expect(await value('outbox_age_seconds')).toBeGreaterThanOrEqual(30);
    await runner.publishPending();
    await runner.refreshMetrics();
    expect(await value('outbox_pending_count')).toBe(0);
    expect(await value('outbox_age_seconds')).toBe(0);
  });
});
