import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { InvalidEventError } from '../parse/validate-pending-event';
import { OutboxWriter } from './outbox-writer';
import { createOutboxDataSource, pendingEvent } from './testing/outbox-harness';
import { UnitOfWork } from './unit-of-work';

describe('OutboxWriter and UnitOfWork', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const writer = new OutboxWriter();

  beforeEach(async () => {
    database = await createTestDatabase('outbox_writer');
    dataSource = await createOutboxDataSource(database.url, 20);
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const rows = () =>
    dataSource.query<Array<{ event_id: string; aggregate_id: string; sequence: string; envelope: string; published_at: Date | null }>>(
      'SELECT event_id, aggregate_id, sequence, envelope, published_at FROM outbox_events ORDER BY id',
    );

  it('assigns each aggregate consecutive sequences from 1 and stores the exact envelope', async () => {
    const events = [pendingEvent('agg-a'), pendingEvent('agg-b'), pendingEvent('agg-a'), pendingEvent('agg-a')];
    const envelopes = await dataSource.transaction((manager) => writer.append(manager, events));
    expect(envelopes.map((e) => [e.aggregate_id, e.sequence])).toEqual([['agg-a', 1], ['agg-b', 1], ['agg-a', 2], ['agg-a', 3]]);
    const more = await dataSource.transaction((manager) => writer.append(manager, [pendingEvent('agg-b'), pendingEvent('agg-a')]));
    expect(more.map((e) => e.sequence)).toEqual([2, 4]);
    const stored = await rows();
    expect(stored.map((row) => row.event_id)).toEqual([...envelopes, ...more].map((e) => e.event_id));
    // The database numbers the stored envelope: its bytes are exactly the JSON of the returned envelope.
    expect(stored.map((row) => row.envelope)).toEqual([...envelopes, ...more].map((e) => JSON.stringify(e)));
    expect(stored.map((row) => Number(row.sequence))).toEqual([...envelopes, ...more].map((e) => e.sequence));
    expect(stored.every((row) => row.published_at === null)).toBe(true);
  });

  it('gives concurrent writers of one aggregate distinct, gap-free sequences in commit order', async () => {
    const writers = 20;
    const perWriter = 10;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < perWriter; i++) {
          await dataSource.transaction((manager) => writer.append(manager, [pendingEvent('agg-hot'), pendingEvent(`agg-cold-${i}`)]));
        }
      }),
    );
    const hot = (await rows()).filter((row) => row.aggregate_id === 'agg-hot');
    // Rows are read in id order: the counter's row lock makes insertion (and commit) order equal sequence order.
    expect(hot.map((row) => Number(row.sequence))).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i + 1));
  });

  it('refuses an invalid event and leaves nothing behind, not even a bumped sequence', async () => {
    const invalid = { ...pendingEvent('agg-x'), payload: { cycle_id: 42 } };
    await expect(dataSource.transaction((manager) => writer.append(manager, [pendingEvent('agg-x'), invalid]))).rejects.toBeInstanceOf(InvalidEventError);
    expect(await rows()).toEqual([]);
    expect(await dataSource.query('SELECT * FROM outbox_aggregate_sequences')).toEqual([]);
    const [first] = await dataSource.transaction((manager) => writer.append(manager, [pendingEvent('agg-x')]));
    expect(first.sequence).toBe(1);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(writer.append(dataSource.manager, [pendingEvent('agg-x')])).rejects.toThrow(/inside the transaction/);
    expect(await rows()).toEqual([]);
  });

  it('UnitOfWork commits the rows and the events together, rolls both back together, and wakes after commit only', async () => {
    await dataSource.query('CREATE TABLE things (id text PRIMARY KEY)');
    let wakes = 0;
    const unitOfWork = new UnitOfWork(dataSource, writer, () => wakes++);
    const result = await unitOfWork.run(async ({ manager, publish }) => {
      await manager.query("INSERT INTO things VALUES ('one')");
      publish(pendingEvent('agg-u'), pendingEvent('agg-u'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(wakes).toBe(1);
    await expect(
      unitOfWork.run(async ({ manager, publish }) => {
        await manager.query("INSERT INTO things VALUES ('two')");
        publish(pendingEvent('agg-u'));
        throw new Error('domain rule broken');
      }),
    ).rejects.toThrow('domain rule broken');
    await expect(
      unitOfWork.run(async ({ manager, publish }) => {
        await manager.query("INSERT INTO things VALUES ('three')");
        publish({ ...pendingEvent('agg-u'), event_type: 'no.such_type' });
      }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(wakes).toBe(1);
    expect(await dataSource.query('SELECT id FROM things')).toEqual([{ id: 'one' }]);
    expect((await rows()).map((row) => Number(row.sequence))).toEqual([1, 2]);
    await unitOfWork.run(async ({ publish }) => publish(pendingEvent('agg-u')));
    expect((await rows()).map((row) => Number(row.sequence))).toEqual([1, 2, 3]);
  });
});
