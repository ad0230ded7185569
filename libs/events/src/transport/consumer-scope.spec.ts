import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import { CONSUMER_MIGRATIONS } from '../consumer/consumer.migrations';
import type { EventEnvelope } from '../envelope/event-envelope';
import { OUTBOX_MIGRATIONS } from '../outbox/outbox.migrations';
import { OutboxWriter } from '../outbox/outbox-writer';
import { pendingEvent } from '../outbox/testing/outbox-harness';
import { UnitOfWork } from '../outbox/unit-of-work';
import { TransactionScope } from '../transaction/transaction-scope';
import { EntryProcessor, PreparedEntry } from './entry-processor';
import { HandlerExtras, HandlerRegistry } from './handler-registry';
import type { TransportEvent } from './parse-seam';
import type { RedisStreamsContext } from './redis-streams.context';
import { makeEvent } from './testing/transport-harness';

type Handler = (event: TransportEvent, context: RedisStreamsContext) => Promise<void>;

/**
 * The transport's idempotent consumer transaction is the handlers' ambient transaction: a repository's
 * TransactionScope.manager() and a UnitOfWork.run inside a handler write in it, next to the processed_events row.
 */
describe('stream handlers in the ambient transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let scope: TransactionScope;
  let unitOfWork: UnitOfWork;
  let wakes: Array<Promise<number>>;
  const events = new Map<string, TransportEvent>();
  const signal = new AbortController().signal;

  beforeAll(async () => {
    database = await createTestDatabase('consumer_scope');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS], poolSize: 4 });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query('CREATE TABLE effects (event_id uuid PRIMARY KEY, txid bigint NOT NULL DEFAULT txid_current())');
    scope = new TransactionScope(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    await dataSource.query('TRUNCATE effects, processed_events, dead_letter_events, outbox_events, outbox_aggregate_sequences');
    wakes = [];
    // The relay's wake-up: how many outbox rows another connection sees when it is called (committed ones only).
    unitOfWork = new UnitOfWork(dataSource, new OutboxWriter(), () => void wakes.push(count('outbox_events')));
  });

  const count = async (table: string) => (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  /** The transactions that wrote a table's rows (xmin: valid where no savepoint was used). */
  const txids = async (table: string) => ((await dataSource.query(`SELECT DISTINCT xmin::text AS txid FROM ${table}`)) as Array<{ txid: string }>).map((r) => r.txid);

  function processor(handler: Handler, extras: HandlerExtras = { handler: 'scoped' }): EntryProcessor {
    const registry = new HandlerRegistry();
    registry.add('*', (event: TransportEvent, context: RedisStreamsContext) => handler(event, context), extras);
    return new EntryProcessor(
      { group: 'scope-test', maxDeliveries: 2, backoffBaseMs: 1, backoffMaxMs: 2, dataSource, parseMessage: (fields) => ({ ok: true, event: events.get(fields.id)! }) },
      registry,
    );
  }
  function entry(envelope: EventEnvelope, index = 0): PreparedEntry {
    const event = envelope as TransportEvent; // makeEvent builds a valid catalog event
    events.set(event.event_id, event);
    return { delivery: { stream: 's', entryId: `1-${index}`, fields: { id: event.event_id }, previousDeliveries: 0 }, parsed: { ok: true, event } };
  }
  /** A handler as an app writes it: its repository on TransactionScope, its events through UnitOfWork.run. */
  const applyAndPublish: Handler = async (event, context) => {
    expect(scope.manager()).toBe(context.requireManager()); // the old way still works, and is the same transaction
    await scope.manager().query('INSERT INTO effects (event_id) VALUES ($1)', [event.event_id]);
    await unitOfWork.run(async ({ publish }) => publish(pendingEvent(`agg-${event.event_id}`)));
  };

  it('writes the effect, the events queued in the handler and the processed_events row in one transaction, and wakes the relay after its commit', async () => {
    await processor(applyAndPublish).process(entry(makeEvent('agg-1', 1)), signal);
    const [effects, outbox, processed] = [await txids('effects'), await txids('outbox_events'), await txids('processed_events')];
    expect(effects).toHaveLength(1);
    expect(outbox).toEqual(effects);
    expect(processed).toEqual(effects);
    expect(await Promise.all(wakes)).toEqual([1]);
  });

  it('rolls back the effect and its events on a handler error (no processed_events row) and dead-letters with the real message', async () => {
    const failing: Handler = async (event, context) => {
      await applyAndPublish(event, context);
      throw new Error('handler broke after writing');
    };
    await processor(failing).process(entry(makeEvent('agg-2', 1)), signal);
    expect([await count('effects'), await count('outbox_events'), await count('processed_events')]).toEqual([0, 0, 0]);
    const letters = await dataSource.query('SELECT handler, attempts, error_message FROM dead_letter_events');
    expect(letters).toEqual([{ handler: 'scoped', attempts: 2, error_message: 'handler broke after writing' }]);
    expect(wakes).toEqual([]);
  });

  it('rolls back all of it when a handler swallows the error of its unit of work: nothing half-applied', async () => {
    const swallowing: Handler = async (event) => {
      await scope.manager().query('INSERT INTO effects (event_id) VALUES ($1)', [event.event_id]);
      await unitOfWork
        .run(async ({ publish }) => {
          publish(pendingEvent('agg-half'));
          throw new Error('unit failed');
        })
        .catch(() => undefined);
    };
    await processor(swallowing).process(entry(makeEvent('agg-3', 1)), signal);
    expect([await count('effects'), await count('outbox_events'), await count('processed_events')]).toEqual([0, 0, 0]);
    expect(await dataSource.query('SELECT error_message FROM dead_letter_events')).toEqual([{ error_message: 'unit failed' }]);
  });

  it('runs a non-idempotent handler without a transaction: the scope is absent and UnitOfWork.run opens its own', async () => {
    const broadcast: Handler = async (event, context) => {
      expect(context.getManager()).toBeUndefined();
      expect(scope.current()).toBeUndefined();
      await unitOfWork.run(async ({ manager, publish }) => {
        await manager.query('INSERT INTO effects (event_id) VALUES ($1)', [event.event_id]);
        publish(pendingEvent('agg-own'));
      });
    };
    await processor(broadcast, { handler: 'broadcast', idempotent: false }).process(entry(makeEvent('agg-4', 1)), signal);
    expect([await count('effects'), await count('outbox_events'), await count('processed_events')]).toEqual([1, 1, 0]);
    expect(await Promise.all(wakes)).toEqual([1]);
  });

  it('in a batch: each entry in the read`s one transaction, a failing entry rolled back alone (its events too), one wake-up after the commit', async () => {
    const batch = Array.from({ length: 4 }, (_, i) => makeEvent('agg-batch', i + 1));
    const poison = batch[2];
    const handler: Handler = async (event, context) => {
      await applyAndPublish(event, context);
      if (event.event_id === poison.event_id) throw new Error('poison');
    };
    const run = processor(handler);
    const handled = await run.processBatch(batch.map((event, i) => entry(event, i)));
    expect(handled).toBe(2); // the two entries before the poison; the caller takes the rest one by one
    // One top-level transaction (txid_current() of each effect; xmin would name each entry's savepoint instead).
    expect(await dataSource.query('SELECT DISTINCT txid::text FROM effects')).toHaveLength(1);
    expect([await count('effects'), await count('outbox_events'), await count('processed_events')]).toEqual([2, 2, 2]);
    expect(await Promise.all(wakes)).toEqual([2]); // both entries' events visible at the one wake-up

    await run.process(entry(poison, 2), signal); // one by one: retried, then dead-lettered, nothing of it kept
    await run.process(entry(batch[3], 3), signal);
    expect([await count('effects'), await count('outbox_events'), await count('processed_events')]).toEqual([3, 3, 3]);
    expect(await dataSource.query('SELECT error_message FROM dead_letter_events')).toEqual([{ error_message: 'poison' }]);
  });

  it('gives a batch handler the read`s transaction as its ambient one', async () => {
    const batch = Array.from({ length: 3 }, (_, i) => makeEvent(`agg-b${i}`, 1));
    const registry = new HandlerRegistry();
    registry.add('*', async (received: TransportEvent[]) => {
      await scope.manager().query('INSERT INTO effects (event_id) SELECT unnest($1::uuid[])', [received.map((e) => e.event_id)]);
      await unitOfWork.run(async ({ publish }) => publish(...received.map((e) => pendingEvent(`agg-${e.event_id}`))));
    }, { handler: 'scoped-batch', batch: true });
    const run = new EntryProcessor({ group: 'scope-test', maxDeliveries: 2, backoffBaseMs: 1, backoffMaxMs: 2, dataSource, parseMessage: () => ({ ok: false, reason: { code: 'not_json', message: 'unused' } }) }, registry);
    expect(await run.processBatch(batch.map((event, i) => entry(event, i)))).toBe(3);
    const effects = await txids('effects');
    expect(effects).toHaveLength(1);
    expect(await txids('outbox_events')).toEqual(effects);
    expect(await txids('processed_events')).toEqual(effects);
    expect(await Promise.all(wakes)).toEqual([3]);
  });
});
