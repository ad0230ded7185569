import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox-writer';
import { createOutboxDataSource, pendingEvent } from '../outbox/testing/outbox-harness';
import { UnitOfWork } from '../outbox/unit-of-work';
import { TransactionScope, NoAmbientTransactionError } from './transaction-scope';

/** UnitOfWork.run and TransactionScope share one ambient transaction: joined when open, else their own. */
describe('the ambient transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let scope: TransactionScope;
  let wakes: Array<Promise<number>>;
  let unitOfWork: UnitOfWork;

  beforeEach(async () => {
    database = await createTestDatabase('ambient_tx');
    dataSource = await createOutboxDataSource(database.url, 4);
    await dataSource.query('CREATE TABLE things (id text PRIMARY KEY, txid bigint NOT NULL DEFAULT txid_current())');
    scope = new TransactionScope(dataSource);
    wakes = [];
    // The wake-up records how many outbox rows another connection sees: committed ones only.
    unitOfWork = new UnitOfWork(dataSource, new OutboxWriter(), () => void wakes.push(outboxCount()));
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const outboxCount = async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox_events'))[0].n as number;
  const things = async () => (await dataSource.query('SELECT id, txid::text FROM things ORDER BY id')) as Array<{ id: string; txid: string }>;
  const outboxTxids = async () => ((await dataSource.query('SELECT DISTINCT xmin::text AS txid FROM outbox_events')) as Array<{ txid: string }>).map((r) => r.txid);

  it('refuses the manager outside a transaction, with a clear error', async () => {
    expect(() => scope.manager()).toThrow(NoAmbientTransactionError);
    expect(() => scope.manager()).toThrow(/no transaction is open here/);
    expect(scope.current()).toBeUndefined();
    expect(() => scope.afterCommit(() => undefined)).toThrow(NoAmbientTransactionError);
  });

  it('gives repositories the manager of UnitOfWork.run, the same the callback gets', async () => {
    await unitOfWork.run(async ({ manager }) => {
      expect(scope.manager()).toBe(manager);
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
      await scope.manager().query("INSERT INTO things (id) VALUES ('a')");
    });
    expect((await things()).map((row) => row.id)).toEqual(['a']);
    expect(scope.current()).toBeUndefined(); // the scope ended with the work
  });

  it('nests: an inner UnitOfWork.run and TransactionScope.run join the outer transaction; the events of both are written in it and wake once, after commit', async () => {
    await unitOfWork.run(async ({ manager, publish }) => {
      await manager.query("INSERT INTO things (id) VALUES ('outer')");
      publish(pendingEvent('agg-outer'));
      await unitOfWork.run(async (inner) => {
        expect(inner.manager).toBe(manager);
        await inner.manager.query("INSERT INTO things (id) VALUES ('inner')");
        inner.publish(pendingEvent('agg-inner'));
      });
      await scope.run(async (joined) => {
        expect(joined).toBe(manager);
        await joined.query("INSERT INTO things (id) VALUES ('scoped')");
      });
      // The inner events are in the outbox already (this transaction), not yet visible to anyone else.
      expect((await manager.query('SELECT count(*)::int AS n FROM outbox_events'))[0].n).toBe(1);
      expect(await outboxCount()).toBe(0);
      expect(wakes).toEqual([]);
    });
    const rows = await things();
    expect(rows.map((row) => row.id)).toEqual(['inner', 'outer', 'scoped']);
    expect(new Set(rows.map((row) => row.txid)).size).toBe(1);
    expect(await outboxTxids()).toEqual([rows[0].txid]);
    expect(await outboxCount()).toBe(2);
    expect(await Promise.all(wakes)).toEqual([2]); // one wake-up, after the commit (both rows visible from another connection)
  });

  it('rolls back all of it when an inner unit throws, even when the caller catches the error', async () => {
    const run = unitOfWork.run(async ({ manager, publish }) => {
      await manager.query("INSERT INTO things (id) VALUES ('outer')");
      publish(pendingEvent('agg-outer'));
      try {
        await unitOfWork.run(async (inner) => {
          await inner.manager.query("INSERT INTO things (id) VALUES ('half')");
          inner.publish(pendingEvent('agg-inner'));
          throw new Error('inner failed');
        });
      } catch {
        // swallowed: the half-done inner unit must still not commit
      }
      return 'outer done';
    });
    await expect(run).rejects.toThrow('inner failed');
    expect(await things()).toEqual([]);
    expect(await outboxCount()).toBe(0);
    expect(wakes).toEqual([]);
  });

  it('opens a transaction of its own outside any scope, and scopes of one DataSource never leak into another', async () => {
    const otherDatabase = await createTestDatabase('ambient_tx_other');
    const other = await createOutboxDataSource(otherDatabase.url, 2);
    try {
      const otherScope = new TransactionScope(other);
      await scope.run(async (manager) => {
        expect(otherScope.current()).toBeUndefined();
        await otherScope.run(async (otherManager) => {
          expect(otherManager).not.toBe(manager);
          expect(scope.manager()).toBe(manager); // the first DataSource's scope is still there
          await otherManager.query('CREATE TABLE marker (id int)');
        });
      });
      expect(await other.query('SELECT count(*)::int AS n FROM marker')).toEqual([{ n: 0 }]);
    } finally {
      await other.destroy();
      await otherDatabase.drop();
    }
  });

  it('ends the scope with its work: a callback scheduled inside and run later gets no manager of a finished transaction', async () => {
    let later: Promise<EntityManagerProbe> | undefined;
    await scope.run(async () => {
      later = new Promise((resolve) => setTimeout(() => resolve({ current: scope.current() }), 5));
    });
    expect((await later!).current).toBeUndefined();
  });

  it('runs afterCommit callbacks after the commit only, and not at all on rollback', async () => {
    const seen: string[] = [];
    await scope.run(async (manager) => {
      await manager.query("INSERT INTO things (id) VALUES ('x')");
      scope.afterCommit(() => seen.push('committed'));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['committed']);
    await expect(
      scope.run(async () => {
        scope.afterCommit(() => seen.push('rolled back'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(seen).toEqual(['committed']);
  });
});

interface EntityManagerProbe {
  current: unknown;
}
