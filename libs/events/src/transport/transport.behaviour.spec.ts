import { createTestDatabase, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { InProcessStreamBroker } from '../broker/in-process-stream-broker';
import type { StreamBroker } from '../broker/stream-broker';
import { RedisStreamsClient } from './testing/redis-streams.client';
import { RedisStreamsServer } from './stream-transport.server';
import type { TransportEvent } from './parse-seam';
import { AofRedisServer } from './testing/aof-redis-server';
import { createConsumerDataSource, layoutFor, makeEvent, publishAll, startBatchConsumer, startConsumer, TestHandler } from './testing/transport-harness';

interface Topology {
  /** Where the streams are: a Redis URL, or a broker object (the in-process one). */
  connection: { url: string } | { broker: StreamBroker };
  /** Replicas per consumer group. */
  replicas: number;
  /** Called while events are in flight: the restart topology restarts Redis here. */
  midRun(): Promise<void>;
  destroy(): Promise<void>;
}

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Watermill-style universal tests, run once per topology, on each adapter of the stream port. */
function transportBehaviourSuite(name: string, createTopology: () => Promise<Topology>): void {
  describe(`Stream transport behaviour: ${name}`, () => {
    let topology: Topology;
    let database: TestDatabase;
    let dataSource: DataSource;
    let client: RedisStreamsClient;
    let servers: RedisStreamsServer[];
    let layout: ReturnType<typeof layoutFor>;

    beforeAll(async () => {
      topology = await createTopology();
    });
    afterAll(async () => topology.destroy());

    beforeEach(async () => {
      database = await createTestDatabase('transport');
      dataSource = await createConsumerDataSource(database.url);
      layout = layoutFor(uniqueName('ts'));
      client = new RedisStreamsClient({ ...topology.connection, layout });
      servers = [];
    });
    afterEach(async () => {
      await Promise.all(servers.map((server) => server.close()));
      await client.close();
      await dataSource.destroy();
      await database.drop();
    });

    async function startGroup(group: string, handler: TestHandler, count = topology.replicas): Promise<RedisStreamsServer[]> {
      const started = await Promise.all(
        Array.from({ length: count }, (_, i) => startConsumer({ ...topology.connection, layout, group, replica: `${group}-r${i}`, dataSource }, handler, `${group}-handler`)),
      );
      servers.push(...started);
      return started;
    }

    function collector(): { seen: Map<string, TransportEvent>; handler: TestHandler } {
      const seen = new Map<string, TransportEvent>();
      return {
        seen,
        handler: async (event, context) => {
          await context.requireManager().query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.event_id]);
          seen.set(event.event_id, event);
        },
      };
    }

    const events = (n: number, aggregates = 10) => Array.from({ length: n }, (_, i) => makeEvent(`agg-${i % aggregates}`, Math.floor(i / aggregates) + 1));
    const deadLetterCount = async () => (await dataSource.query('SELECT count(*)::int AS n FROM dead_letter_events'))[0].n as number;
    const effectCount = async () => (await dataSource.query('SELECT count(*)::int AS n FROM test_effects'))[0].n as number;
    /** `seen` is filled inside the handler's transaction, before it commits: wait for the committed effects too. */
    const effectsCommitted = (n: number) => waitFor(async () => (await effectCount()) >= n, { timeoutMs: 10_000, what: `${n} committed effects` });

    it('delivers everything published before subscribing, with payload and metadata intact', async () => {
      const published = events(60);
      await publishAll(client, published);
      const { seen, handler } = collector();
      await startGroup(uniqueName('svc'), handler);
      await topology.midRun();
      await waitFor(() => seen.size === published.length, { timeoutMs: 20_000, what: 'all events' });
      for (const event of published) expect(seen.get(event.event_id)).toEqual(event);
      await effectsCommitted(published.length);
      expect(await effectCount()).toBe(published.length);
    });

    it('many publishers and consumers together see every id exactly once in effect', async () => {
      const { seen, handler } = collector();
      await startGroup(uniqueName('svc'), handler);
      const batches = Array.from({ length: 4 }, () => events(50, 7));
      const publishers = batches.map((batch) => new RedisStreamsClient({ ...topology.connection, layout }));
      await Promise.all([...batches.map((batch, i) => publishAll(publishers[i], batch)), topology.midRun()]);
      await Promise.all(publishers.map((publisher) => publisher.close()));
      const ids = batches.flat().map((event) => event.event_id);
      await waitFor(() => ids.every((id) => seen.has(id)), { timeoutMs: 20_000, what: 'every id' });
      await effectsCommitted(ids.length);
      expect(await effectCount()).toBe(ids.length);
    });

    it('redelivers after handler errors until the handler succeeds', async () => {
      const failuresLeft = new Map<string, number>();
      const { seen, handler } = collector();
      const published = events(30);
      published.filter((_, i) => i % 3 === 0).forEach((event) => failuresLeft.set(event.event_id, 2));
      await startGroup(uniqueName('svc'), async (event, context) => {
        const left = failuresLeft.get(event.event_id) ?? 0;
        if (left > 0) {
          failuresLeft.set(event.event_id, left - 1);
          throw new Error('transient failure');
        }
        await handler(event, context);
      });
      await publishAll(client, published);
      await topology.midRun();
      await waitFor(() => seen.size === published.length, { timeoutMs: 20_000, what: 'all events after retries' });
      expect([...failuresLeft.values()].every((left) => left === 0)).toBe(true);
      expect(await deadLetterCount()).toBe(0);
    });

    it('loses nothing when a subscriber closes and reopens', async () => {
      const group = uniqueName('svc');
      const { seen, handler } = collector();
      const first = events(40);
      const whileClosed = events(40);
      const running = await startGroup(group, handler);
      await publishAll(client, first);
      await waitFor(() => seen.size >= 10, { what: 'some events before closing' });
      await Promise.all(running.map((server) => server.close()));
      await publishAll(client, whileClosed);
      await topology.midRun();
      await startGroup(group, handler);
      const all = [...first, ...whileClosed];
      await waitFor(() => all.every((event) => seen.has(event.event_id)), { timeoutMs: 20_000, what: 'events after reopening' });
      await effectsCommitted(all.length);
      expect(await effectCount()).toBe(all.length);
    });

    it('gives every consumer group all events', async () => {
      const a = collector();
      const b = collector();
      await startGroup(uniqueName('svc-a'), a.handler);
      await startGroup(uniqueName('svc-b'), async (event) => void b.seen.set(event.event_id, event));
      const published = events(50);
      await publishAll(client, published);
      await topology.midRun();
      await waitFor(() => a.seen.size === 50 && b.seen.size === 50, { timeoutMs: 20_000, what: 'both groups' });
    });

    it('keeps per-aggregate order with several consumers, retries included', async () => {
      const order = new Map<string, number[]>();
      const published = events(200, 10);
      // Every 7th event fails its first two deliveries, fewer than maxDeliveries: each retry holds back its aggregate's
      // later events. (A failure on every 7th call of the group could hit one event on all five deliveries and park it.)
      const failuresLeft = new Map(published.filter((_, i) => i % 7 === 3).map((event) => [event.event_id, 2]));
      await startGroup(uniqueName('svc'), async (event) => {
        const left = failuresLeft.get(event.event_id) ?? 0;
        if (left > 0) {
          failuresLeft.set(event.event_id, left - 1);
          throw new Error('transient failure');
        }
        const sequences = order.get(event.aggregate_id) ?? [];
        sequences.push(event.sequence);
        order.set(event.aggregate_id, sequences);
      });
      await Promise.all([publishAll(client, published), topology.midRun()]);
      await waitFor(
        async () => {
          if ((await deadLetterCount()) > 0) throw new Error('an event was dead-lettered');
          return [...order.values()].reduce((n, s) => n + s.length, 0) >= 200;
        },
        // A failure ends a read's batch: most of the 200 events then take a transaction each (4-12 s at load 13).
        { timeoutMs: 45_000, what: 'all events' },
      );
      expect([...failuresLeft.values()].every((left) => left === 0)).toBe(true);
      for (const sequences of order.values()) {
        const firstSeen = sequences.filter((s, i) => sequences.indexOf(s) === i);
        expect(firstSeen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
      }
    }, 60_000);

    it('a batch handler applies every event once, in per-aggregate order, with several consumers and retries', async () => {
      const order = new Map<string, number[]>();
      const published = events(200, 10);
      // Every 7th event fails twice (a batch holding it fails whole, then it fails alone): fewer than maxDeliveries.
      const failuresLeft = new Map(published.filter((_, i) => i % 7 === 3).map((event) => [event.event_id, 2]));
      const group = uniqueName('svc');
      const started = await Promise.all(
        Array.from({ length: topology.replicas }, (_, i) =>
          startBatchConsumer({ ...topology.connection, layout, group, replica: `${group}-r${i}`, dataSource }, async (batch, context) => {
            const failing = batch.filter((event) => (failuresLeft.get(event.event_id) ?? 0) > 0);
            for (const event of failing) failuresLeft.set(event.event_id, failuresLeft.get(event.event_id)! - 1);
            if (failing.length > 0) throw new Error('transient failure');
            // a second application of an event would violate test_effects' primary key
            await context.requireManager().query('INSERT INTO test_effects (event_id) SELECT unnest($1::uuid[])', [batch.map((event) => event.event_id)]);
            for (const event of batch) order.set(event.aggregate_id, [...(order.get(event.aggregate_id) ?? []), event.sequence]);
          }),
        ),
      );
      servers.push(...started);
      await Promise.all([publishAll(client, published), topology.midRun()]);
      await waitFor(
        async () => {
          if ((await deadLetterCount()) > 0) throw new Error('an event was dead-lettered');
          return (await effectCount()) >= 200;
        },
        { timeoutMs: 45_000, what: 'all effects' },
      );
      expect([...failuresLeft.values()].every((left) => left === 0)).toBe(true);
      for (const sequences of order.values()) {
        const firstSeen = sequences.filter((s, i) => sequences.indexOf(s) === i);
        expect(firstSeen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }
      expect(await effectCount()).toBe(200);
    }, 60_000);

    it('delivers everything published while the broker restarts (Redis; elsewhere, while publishing)', async () => {
      const { seen, handler } = collector();
      await startGroup(uniqueName('svc'), handler);
      const published = events(150);
      await Promise.all([publishAll(client, published), topology.midRun().then(() => topology.midRun())]);
      await waitFor(() => seen.size === published.length, { timeoutMs: 30_000, what: 'all events across restarts' });
      await effectsCommitted(published.length);
      expect(await effectCount()).toBe(published.length);
    });

    it('gives a new consumer group the events published before it existed', async () => {
      await startGroup(uniqueName('svc-old'), () => undefined);
      const published = events(40);
      await publishAll(client, published);
      await topology.midRun();
      const { seen, handler } = collector();
      await startGroup(uniqueName('svc-new'), handler);
      await waitFor(() => seen.size === published.length, { timeoutMs: 20_000, what: 'history for the new group' });
    });
  });
}

const nothing = async () => undefined;

transportBehaviourSuite('plain Redis', async () => ({ connection: { url: SHARED_REDIS }, replicas: 1, midRun: nothing, destroy: nothing }));

transportBehaviourSuite('Redis restarted mid-run', async () => {
  const redis = await AofRedisServer.start();
  return { connection: { url: redis.url }, replicas: 2, midRun: () => redis.restart(), destroy: () => redis.destroy() };
});

transportBehaviourSuite('several consumers in one group', async () => ({ connection: { url: SHARED_REDIS }, replicas: 3, midRun: nothing, destroy: nothing }));

// The in-process broker lives in one process: a restart would be the process's own (covered by the npm start
// tests, which re-publish from the outbox); several replicas of a group in one process do make sense.
transportBehaviourSuite('in-process broker', async () => ({ connection: { broker: new InProcessStreamBroker() }, replicas: 1, midRun: nothing, destroy: nothing }));

transportBehaviourSuite('in-process broker, several consumers in one group', async () => ({
  connection: { broker: new InProcessStreamBroker() },
  replicas: 3,
  midRun: nothing,
  destroy: nothing,
}));
