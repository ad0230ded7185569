import type { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';

const WROTE_OUTBOX = 'outboxRowsWritten';

/** Marks the transaction behind `manager` with `flag`, for a callback registered with `afterMarkedCommits`. */
export function markTransaction(manager: EntityManager, flag: string): void {
  const runner = manager.queryRunner;
  if (runner) runner.data = { ...(runner.data ?? {}), [flag]: true };
}

/**
 * Calls `callback` after any transaction on `dataSource` marked with `flag` has committed, whoever ran it
 * (UnitOfWork, a consumer's idempotent transaction, a repository's own transaction). TypeORM broadcasts
 * AfterTransactionCommit after the COMMIT (also after a savepoint release, hence the outermost-transaction check).
 * Returns the function that unregisters it.
 */
export function afterMarkedCommits(dataSource: DataSource, flag: string, callback: () => void): () => void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(event: TransactionCommitEvent): void {
      const runner = event.queryRunner;
      if (runner.isTransactionActive || !runner.data?.[flag]) return;
      delete runner.data[flag];
      callback();
    },
    afterTransactionRollback(event): void {
      if (!event.queryRunner.isTransactionActive && event.queryRunner.data) delete event.queryRunner.data[flag];
    },
  };
  const subscribers = dataSource.subscribers as EntitySubscriberInterface[];
  subscribers.push(subscriber);
  return () => {
    const index = subscribers.indexOf(subscriber);
    if (index >= 0) subscribers.splice(index, 1);
  };
}

/** Called by the writer: marks the transaction behind `manager` as one that wrote outbox rows. */
export function markOutboxWrite(manager: EntityManager): void {
  markTransaction(manager, WROTE_OUTBOX);
}

/** Wakes the relay after any transaction on `dataSource` that wrote outbox rows has committed. */
export function wakeAfterOutboxCommits(dataSource: DataSource, wake: () => void): () => void {
  return afterMarkedCommits(dataSource, WROTE_OUTBOX, wake);
}
