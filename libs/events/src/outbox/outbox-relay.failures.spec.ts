import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, DisposableRedisServer, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { allStreams, StreamLayout } from '../streams/stream-layout';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { OutboxWriter } from './outbox-writer';
import { assertStreamContract, createOutboxDataSource, pendingEvent, readAllEntries } from './testing/outbox-harness';

const CHILD = path.resolve(__dirname, '../../../../dist/libs/events/src/outbox/testing/relay-process.js');

describe('OutboxRelay under failures', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let layout: StreamLayout;
  const writer = new OutboxWriter();
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeEach(async () => {
    database = await createTestDatabase('outbox_failures');
    dataSource = await createOutboxDataSource(database.url, 12);
    redis = new Redis(TEST_REDIS_URL);
    layout = { prefix: uniqueName('obf'), partitions: 4 };
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await redis.del(...allStreams(layout));
    redis.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  const startRelay = (options: Partial<OutboxRelayOptions> = {}) => {
    const relay = new OutboxRelay({
      dataSource,
      redisUrl: TEST_REDIS_URL,
      layout,
      minPollMs: 2,
      maxPollMs: 50,
      minBackoffMs: 20,
      maxBackoffMs: 200,
      metricsIntervalMs: 0,
      cleanupIntervalMs: 0,
      ...options,
    });
    relay.start();
    cleanups.push(() => relay.stop());
    return relay;
  };
  const commit = (events = [pendingEvent('agg-1')]) => dataSource.transaction((manager) => writer.append(manager, events));
  const pendingCount = async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL'))[0].n);
  const allPublished = async () => (await pendingCount()) === 0;

  it('SIGKILLed between XADD and marking: nothing is lost and the duplicate carries the same event_id', async () => {
    expect(existsSync(CHILD), `build dist first (${CHILD})`).toBe(true);
    const written: EventEnvelope[] = [];
    for (let i = 0; i < 10; i++) written.push(...(await commit([pendingEvent(`agg-${i % 3}`), pendingEvent(`agg-${(i + 1) % 3}`)])));
    const config = { databaseUrl: database.url, redisUrl: TEST_REDIS_URL, layout, batchSize: 8 };
    const child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => /xadded \d+/.test(output), { timeoutMs: 20_000, what: 'child relay between XADD and mark' });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const xadded = Number(/xadded (\d+)/.exec(output)![1]);
    expect(xadded).toBeGreaterThan(0);
    expect((await readAllEntries(redis, layout)).length).toBe(xadded); // in Redis...
    expect(await pendingCount()).toBe(written.length); // ...but not marked
    startRelay();
    await waitFor(allPublished, { timeoutMs: 20_000, what: 'survivor published everything' });
    const entries = await readAllEntries(redis, layout);
    const { duplicates } = assertStreamContract(entries, written.map((e) => e.event_id), layout);
    expect(duplicates).toBe(xadded);
    const occurrences = new Map<string, number>();
    for (const entry of entries) occurrences.set(entry.eventId, (occurrences.get(entry.eventId) ?? 0) + 1);
    expect([...occurrences.values()].filter((n) => n === 2)).toHaveLength(xadded);
  });

  it('keeps rows pending while Redis is down (recording the attempts) and publishes them when it returns', async () => {
    const server = await DisposableRedisServer.start();
    cleanups.push(() => server.stop());
    const own = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    own.on('error', () => undefined);
    cleanups.push(async () => own.disconnect());
    startRelay({ redisUrl: server.url, commandTimeoutMs: 500 });
    const before = await commit([pendingEvent('agg-r'), pendingEvent('agg-s')]);
    await waitFor(allPublished, { what: 'published before the outage' });

    await server.stop();
    const during: EventEnvelope[] = [];
    for (let i = 0; i < 20; i++) during.push(...(await commit([pendingEvent(i % 2 ? 'agg-r' : 'agg-s')])));
    await waitFor(async () => Number((await dataSource.query('SELECT min(attempts) AS n FROM outbox_events WHERE published_at IS NULL'))[0].n) >= 2, {
      timeoutMs: 20_000,
      what: 'failed attempts recorded on the pending rows',
    });
    expect(await pendingCount()).toBe(during.length);
    const [errorRow] = await dataSource.query('SELECT last_error FROM outbox_events WHERE published_at IS NULL LIMIT 1');
    expect(errorRow.last_error).toBeTruthy();

    await server.start(); // an empty Redis (no persistence in this test): what was pending must all arrive
    await waitFor(allPublished, { timeoutMs: 20_000, what: 'pending rows published after Redis returned' });
    const entries = await readAllEntries(own, layout);
    assertStreamContract(entries, during.map((e) => e.event_id), layout);
    expect(entries.some((entry) => before.some((e) => e.event_id === entry.eventId))).toBe(false);
    expect(Number((await dataSource.query('SELECT count(*) AS n FROM outbox_events WHERE last_error IS NOT NULL'))[0].n)).toBe(0);
  });

  it('survives its PostgreSQL connections being killed under load and resumes where it was', async () => {
    startRelay({ batchSize: 20 });
    const written: EventEnvelope[] = [];
    const killer = async () => {
      for (let round = 0; round < 5; round++) {
        await waitFor(() => written.length >= (round + 1) * 60, { what: `writes before kill ${round}` });
        await dataSource.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
      }
    };
    const writing = (async () => {
      for (let i = 0; i < 400; i++) {
        for (let attempt = 0; ; attempt++) {
          try {
            written.push(...(await commit([pendingEvent(`agg-${i % 7}`)])));
            break;
          } catch (error) {
            if (attempt >= 50) throw error; // our own connection was killed too: retry the whole transaction
          }
        }
      }
    })();
    await Promise.all([writing, killer()]);
    await waitFor(allPublished, { timeoutMs: 20_000, what: 'everything published after the kills' });
    assertStreamContract(await readAllEntries(redis, layout), written.map((e) => e.event_id), layout);
  });

  for (const relays of [2, 4]) {
    it(`${relays} relays over 10,000 events from 100 aggregates written concurrently: every event exactly once, each aggregate in order`, async () => {
      const relayDataSources = await Promise.all(Array.from({ length: relays }, () => createOutboxDataSource(database.url, 2)));
      cleanups.push(() => Promise.all(relayDataSources.map((ds) => ds.destroy())));
      // Small batches force many interleaved passes. Two relays claim every free partition and take turns; four
      // claim two partitions each and publish different partitions at the same time.
      const maxPartitionsPerPass = relays === 2 ? undefined : 2;
      relayDataSources.forEach((ds, i) =>
        startRelay({ dataSource: ds, name: `relay-${i}`, batchSize: 64, maxPartitionsPerPass, commandTimeoutMs: 10_000 }),
      );
      const written: EventEnvelope[] = [];
      const writers = 4;
      const perTransaction = 10;
      const transactionsPerWriter = 10_000 / writers / perTransaction;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let t = 0; t < transactionsPerWriter; t++) {
            const first = (w * 31 + t * 7) % 100;
            const events = Array.from({ length: perTransaction }, (_, k) => pendingEvent(`agg-${(first + k * 9 + (t % 3)) % 100}`));
            written.push(...(await commit(events)));
          }
        }),
      );
      expect(written).toHaveLength(10_000);
      await waitFor(allPublished, { timeoutMs: 40_000, intervalMs: 100, what: 'all 10,000 published' });
      const entries = await readAllEntries(redis, layout);
      const { duplicates } = assertStreamContract(entries, written.map((e) => e.event_id), layout);
      expect(duplicates).toBe(0);
      expect(entries).toHaveLength(10_000);
      expect(new Set(entries.map((e) => e.aggregateId)).size).toBe(100);
    }, 60_000);
  }
});
