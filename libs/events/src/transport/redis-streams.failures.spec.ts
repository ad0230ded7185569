import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, DisposableRedisServer, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { parseStreamEntry } from '../parse/parse-event';
import { partitionOf, streamFor, streamKey } from '../streams/stream-layout';
import type { TransportEvent } from './parse-seam';
import { RedisStreamsClient } from './testing/redis-streams.client';
import { RedisStreamsServer } from './stream-transport.server';
import { createConsumerDataSource, FAST, layoutFor, makeEvent, publishAll, startConsumer } from './testing/transport-harness';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHILD = path.resolve(__dirname, '../../../../dist/libs/events/src/transport/testing/consumer-process.js');

describe('Redis Streams transport under failures', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let client: RedisStreamsClient;
  let layout: ReturnType<typeof layoutFor>;
  let group: string;
  const servers: RedisStreamsServer[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('transport_failures');
    dataSource = await createConsumerDataSource(database.url);
    redis = new Redis(URL);
    layout = layoutFor(uniqueName('tf'));
    group = uniqueName('svc');
    client = new RedisStreamsClient({ url: URL, layout });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await client.close();
    redis.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  const count = async (sql: string) => (await dataSource.query(sql))[0].n as number;
  const effectsOnce = async (ids: string[]) =>
    (await dataSource.query('SELECT count(*)::int AS n FROM test_effects WHERE event_id = ANY($1)', [ids]))[0].n === ids.length;
  const recordEffect = (seen?: Set<string>) => async (event: { event_id: string }, context: { requireManager(): { query(sql: string, p: unknown[]): Promise<unknown> } }) => {
    await context.requireManager().query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.event_id]);
    seen?.add(event.event_id);
  };

  it('dead-letters a poison event after maxDeliveries attempts while the other events flow', async () => {
    const poison = makeEvent('agg-poison', 1);
    const others = Array.from({ length: 20 }, (_, i) => makeEvent(`agg-${i}`, 1));
    let poisonAttempts = 0;
    const seen = new Set<string>();
    servers.push(
      await startConsumer({ url: URL, layout, group, dataSource, maxDeliveries: 3 }, async (event, context) => {
        if (event.event_id === poison.event_id) {
          poisonAttempts++;
          throw new Error('cannot handle');
        }
        await recordEffect(seen)(event, context);
      }, 'poisoned-handler'),
    );
    await publishAll(client, [poison, ...others]);
    await waitFor(async () => seen.size === 20 && (await count('SELECT count(*)::int AS n FROM dead_letter_events')) === 1, { what: 'dead letter + others' });
    const [letter] = await dataSource.query('SELECT * FROM dead_letter_events');
    expect(letter).toMatchObject({ event_id: poison.event_id, event_type: 'component.started', handler: 'poisoned-handler', reason_code: 'handler_failed', attempts: 3, consumer_group: group });
    expect(letter.raw_fields.data).toBe(JSON.stringify(poison));
    expect(poisonAttempts).toBe(3);
    await waitFor(async () => ((await redis.xpending(streamFor(layout, poison.aggregate_id), group)) as [number])[0] === 0, { what: 'poison acknowledged' });
  });

  it('acknowledges a poison entry it dead-lettered after its lease was taken over meanwhile: no further attempts', async () => {
    const poison = makeEvent('agg-poison', 1);
    const partition = partitionOf(poison.aggregate_id, layout.partitions);
    const leaseKey = `${layout.prefix}:{${group}}:lease:p${partition}`;
    const replicas = `${layout.prefix}:{${group}}:replicas`;
    let poisonAttempts = 0;
    servers.push(
      await startConsumer({ url: URL, layout, group, dataSource, maxDeliveries: 3, replica: 'loser' }, async (event) => {
        if (event.event_id !== poison.event_id) return;
        poisonAttempts++;
        if (poisonAttempts === 3) {
          // Another replica takes the partition while the last attempt runs (as after a lease lapse under load);
          // two whole lease ticks later this replica knows it no longer holds it.
          await redis.set(leaseKey, 'winner', 'PX', 60_000);
          const stolenAt = Date.now();
          const tickedAt = async () => Number(await redis.zscore(replicas, 'loser'));
          await waitFor(async () => (await tickedAt()) > stolenAt, { what: 'a lease tick after the takeover' });
          const first = await tickedAt();
          await waitFor(async () => (await tickedAt()) > first, { what: 'a second lease tick' });
        }
        throw new Error('cannot handle');
      }, 'poisoned-handler'),
    );
    await publishAll(client, [poison]);
    const stream = streamFor(layout, poison.aggregate_id);
    await waitFor(async () => (await count('SELECT count(*)::int AS n FROM dead_letter_events')) === 1, { what: 'dead letter' });
    await waitFor(async () => ((await redis.xpending(stream, group)) as [number])[0] === 0, { what: 'the dead-lettered entry acknowledged' });
    expect(poisonAttempts).toBe(3);
  });

  it('parks malformed and unparseable entries with their reason and keeps consuming', async () => {
    const seen = new Set<string>();
    servers.push(await startConsumer({ url: URL, layout, group, dataSource }, recordEffect(seen)));
    await redis.xadd(streamKey(layout, 0), '*', 'type', 'component.started', 'data', '{not json');
    await redis.xadd(streamKey(layout, 0), '*', 'type', 'component.started', 'data', JSON.stringify({ event_type: 'component.started' }));
    const good = makeEvent('agg-good', 1);
    await publishAll(client, [good]);
    await waitFor(async () => seen.has(good.event_id) && (await count('SELECT count(*)::int AS n FROM dead_letter_events')) === 2, { what: 'parked entries' });
    const reasons = (await dataSource.query('SELECT reason_code, handler FROM dead_letter_events ORDER BY id')).map((r: { reason_code: string }) => r.reason_code);
    expect(reasons).toEqual(['not_json', 'invalid_envelope']);
  });

  it('acks entries of a type no handler takes without validating them, while a handled invalid one dead-letters', async () => {
    const stream = streamKey(layout, 0);
    const add = (event: EventEnvelope) => redis.xadd(stream, '*', 'type', event.event_type, 'data', JSON.stringify(event));
    const pending = async () => ((await redis.xpending(stream, group)) as [number])[0];
    // cycle_id is not a UUID: the catalog refuses these payloads
    const invalid = (event: EventEnvelope) => ({ ...event, payload: { ...event.payload, cycle_id: 'not-a-uuid' } }) as EventEnvelope;
    const good = [makeEvent('agg', 1), makeEvent('agg', 3), makeEvent('agg', 5)];
    const badHandled = invalid(makeEvent('agg', 4));
    const badUnhandled = [2, 6, 7].map((sequence) => invalid(makeEvent('agg', sequence, 'component.completed')));
    for (const event of badUnhandled) {
      expect(parseStreamEntry({ type: event.event_type, data: JSON.stringify(event) })).toMatchObject({ ok: false, reason: { code: 'invalid_payload' } });
    }
    // A backlog read at once (the batch path): unhandled entries between handled ones, a poison entry among them.
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    for (const event of [good[0], badUnhandled[0], good[1], badHandled, good[2], badUnhandled[1]]) await add(event);
    const handled: string[] = [];
    const server = new RedisStreamsServer({ ...FAST, url: URL, layout, group, dataSource });
    servers.push(server);
    server.addHandler('component.started', async (event: TransportEvent) => void handled.push(event.event_id), true, { handler: 'started-handler' });
    await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
    await waitFor(async () => handled.length === 3 && (await pending()) === 0, { what: 'the backlog handled and acknowledged' });
    expect(handled).toEqual(good.map((event) => event.event_id));
    // Live entries one at a time (the one-by-one path): an unhandled invalid one, then a handled marker.
    const marker = makeEvent('agg', 8);
    await add(badUnhandled[2]);
    await add(marker);
    await waitFor(async () => handled.includes(marker.event_id) && (await pending()) === 0, { what: 'the live entries handled and acknowledged' });
    const letters = await dataSource.query('SELECT event_id, event_type, reason_code FROM dead_letter_events');
    expect(letters).toEqual([{ event_id: badHandled.event_id, event_type: 'component.started', reason_code: 'invalid_payload' }]);
    const processed: { event_id: string }[] = await dataSource.query('SELECT event_id FROM processed_events');
    expect(processed.map((row) => row.event_id).sort()).toEqual([...good, marker].map((event) => event.event_id).sort());
  });

  it('reclaims the entry of a consumer SIGKILLed mid-handler and applies its effect exactly once', async () => {
    expect(existsSync(CHILD), `build dist first (${CHILD})`).toBe(true);
    const victim = makeEvent('agg-crash', 1);
    const events = [makeEvent('agg-a', 1), victim, makeEvent('agg-b', 1), makeEvent('agg-crash', 2)];
    const config = { url: URL, databaseUrl: database.url, layout, group, replica: 'child', hangOn: victim.event_id };
    const child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => output.includes('ready'), { timeoutMs: 20_000, what: 'child consumer ready' });
      await publishAll(client, events);
      await waitFor(() => output.includes(`handling ${victim.event_id}`), { what: 'child inside the handler' });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const pending = (await redis.xpending(streamFor(layout, victim.aggregate_id), group)) as [number];
    expect(pending[0]).toBeGreaterThan(0);
    servers.push(await startConsumer({ url: URL, layout, group, dataSource, replica: 'survivor' }, recordEffect(), `${group}-handler`));
    const ids = events.map((event) => event.event_id);
    await waitFor(() => effectsOnce(ids), { timeoutMs: 20_000, what: 'every effect once' });
    expect(await count('SELECT count(*)::int AS n FROM test_effects')).toBe(events.length);
    expect(await count('SELECT count(*)::int AS n FROM processed_events')).toBe(events.length);
    await waitFor(async () => ((await redis.xpending(streamFor(layout, victim.aggregate_id), group)) as [number])[0] === 0, { what: 'no pending left' });
  });

  it('leaves no orphaned pending entries after 50 restarts with churning replica names (in-process)', async () => {
    const published: string[] = [];
    const seen = new Set<string>();
    for (let restart = 0; restart < 50; restart++) {
      const server = await startConsumer({ url: URL, layout, group, dataSource, replica: `pod-${restart}` }, async (event, context) => {
        await new Promise((resolve) => setImmediate(resolve));
        await recordEffect(seen)(event, context);
      });
      const batch = Array.from({ length: 4 }, (_, i) => makeEvent(`agg-${(restart + i) % 6}`, restart * 4 + i + 1));
      published.push(...batch.map((event) => event.event_id));
      await publishAll(client, batch);
      await waitFor(() => seen.size >= published.length - 2, { what: `restart ${restart} progress` });
      await server.close();
    }
    servers.push(await startConsumer({ url: URL, layout, group, dataSource, replica: 'final' }, recordEffect(seen)));
    await waitFor(() => effectsOnce(published), { timeoutMs: 20_000, what: 'every effect once' });
    for (let partition = 0; partition < layout.partitions; partition++) {
      const stream = streamKey(layout, partition);
      await waitFor(async () => ((await redis.xpending(stream, group)) as [number])[0] === 0, { what: `no pending on ${stream}` });
      const consumers = (await redis.xinfo('CONSUMERS', stream, group)) as unknown[];
      expect(consumers.length).toBeLessThanOrEqual(1);
    }
  });

  it('splits partitions fairly among ten replicas started at once, each partition owned once', async () => {
    const wide = layoutFor(uniqueName('tf'), 8);
    const seen = new Set<string>();
    const started = await Promise.all(
      Array.from({ length: 10 }, (_, i) => startConsumer({ url: URL, layout: wide, group, dataSource, replica: `r${i}` }, recordEffect(seen))),
    );
    servers.push(...started);
    await waitFor(
      () => {
        const owned = started.flatMap((server) => server.ownedPartitions());
        return owned.length === 8 && new Set(owned).size === 8 && started.every((server) => server.ownedPartitions().length <= 1);
      },
      { timeoutMs: 15_000, what: 'one partition per replica, all owned' },
    );
    const events = Array.from({ length: 80 }, (_, i) => makeEvent(`agg-${i}`, 1));
    const wideClient = new RedisStreamsClient({ url: URL, layout: wide });
    await publishAll(wideClient, events);
    await wideClient.close();
    await waitFor(() => seen.size === 80, { what: 'all events across ten replicas' });
    const groups = await Promise.all(Array.from({ length: 8 }, (_, p) => redis.xinfo('GROUPS', streamKey(wide, p)) as Promise<unknown[]>));
    expect(groups.every((g) => g.length === 1)).toBe(true);
  });

  it('claims idle entries left pending under a foreign consumer name and drops ids deleted meanwhile', async () => {
    const stream = streamKey(layout, 0);
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    const kept = makeEvent('agg-x', 1);
    const deleted = makeEvent('agg-y', 1);
    await redis.xadd(stream, '*', 'type', kept.event_type, 'data', JSON.stringify(kept));
    const deletedId = await redis.xadd(stream, '*', 'type', deleted.event_type, 'data', JSON.stringify(deleted));
    await redis.xreadgroup('GROUP', group, 'legacy-consumer', 'COUNT', 10, 'STREAMS', stream, '>');
    await redis.xdel(stream, deletedId as string);
    const seen = new Set<string>();
    servers.push(await startConsumer({ url: URL, layout, group, dataSource, claimIdleMs: 0 }, recordEffect(seen)));
    await waitFor(() => seen.has(kept.event_id), { what: 'claimed entry handled' });
    await waitFor(async () => ((await redis.xpending(stream, group)) as [number])[0] === 0, { what: 'foreign pending list empty' });
    expect(seen.has(deleted.event_id)).toBe(false);
  });

  it('recreates a consumer group Redis lost (restart without persistence) and keeps consuming', async () => {
    const volatile = await DisposableRedisServer.start();
    const seen = new Set<string>();
    const volatileClient = new RedisStreamsClient({ url: volatile.url, layout });
    try {
      servers.push(await startConsumer({ url: volatile.url, layout, group, dataSource }, recordEffect(seen)));
      const before = [makeEvent('agg-1', 1)];
      await publishAll(volatileClient, before);
      await waitFor(() => seen.size === 1, { what: 'first event' });
      await volatile.restart();
      const after = Array.from({ length: 10 }, (_, i) => makeEvent(`agg-${i}`, 2));
      await publishAll(volatileClient, after);
      await waitFor(() => after.every((event) => seen.has(event.event_id)), { timeoutMs: 20_000, what: 'events after the wipe' });
    } finally {
      await Promise.all(servers.splice(0).map((server) => server.close()));
      await volatileClient.close();
      await volatile.stop();
    }
  });
});
