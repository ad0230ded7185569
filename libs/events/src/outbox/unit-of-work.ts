import type { DataSource, EntityManager } from 'typeorm';
import type { PendingEvent } from '../envelope/event-envelope';
import { joinOrOpen } from '../transaction/ambient-transaction';
import { OutboxWriter } from './outbox-writer';

export interface UnitOfWorkTransaction {
  /** The transaction's manager (also `TransactionScope.manager()` inside `work`): write the aggregate's rows with it. */
  manager: EntityManager;
  /** Queues events; they are validated and written to the outbox in this transaction when `work` has returned. */
  publish(...events: PendingEvent[]): void;
}

/**
 * One PostgreSQL transaction for an aggregate's rows and its outbox rows: the ambient transaction when one is open
 * (a stream handler's idempotent transaction, an outer `run`), else a transaction of its own. The events queued by
 * `work` are appended to the outbox in that transaction; after the outermost commit it calls `afterCommit` (the
 * relay's in-process wake-up), so the relay starts publishing without any NOTIFY on the commit path. An error thrown
 * out of a joined run rolls the whole transaction back, even if a caller catches it (nothing half-applied).
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter = new OutboxWriter(),
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  run<T>(work: (tx: UnitOfWorkTransaction) => Promise<T>): Promise<T> {
    return joinOrOpen(this.dataSource, async (tx) => {
      const queued: PendingEvent[] = [];
      const value = await work({ manager: tx.manager, publish: (...events) => void queued.push(...events) });
      if (queued.length > 0) {
        await this.writer.append(tx.manager, queued);
        tx.afterCommit(this.afterCommit);
      }
      return value;
    });
  }
}
