import type { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';

const WROTE_OUTBOX = 'outboxRowsWritten';

/** Called by the writer: marks the transaction behind `manager` as one that wrote outbox rows. */
export function markOutboxWrite(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (runner) runner.data = { ...(runner.data ?? {}), [WROTE_OUTBOX]: true };
}

/**
 * Wakes the relay after any transaction on `dataSource` that wrote outbox rows has committed, whoever ran it
 * (UnitOfWork, a consumer's idempotent transaction, a repository's own transaction). TypeORM broadcasts
 * AfterTransactionCommit after the COMMIT (also after a savepoint release, hence the outermost-transaction check).
 * Returns the function that unregisters it.
 */
export function wakeAfterOutboxCommits(dataSource: DataSource, wake: () => void): () => void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(event: TransactionCommitEvent): void {
      const runner = event.queryRunner;
      if (runner.isTransactionActive || !runner.data?.[WROTE_OUTBOX]) return;
      delete runner.data[WROTE_OUTBOX];
      wake();
    },
    afterTransactionRollback(event): void {
      if (!event.queryRunner.isTransactionActive && event.queryRunner.data) delete event.queryRunner.data[WROTE_OUTBOX];
    },
  };
  const subscribers = dataSource.subscribers as EntitySubscriberInterface[];
  subscribers.push(subscriber);
  return () => {
    const index = subscribers.indexOf(subscriber);
    if (index >= 0) subscribers.splice(index, 1);
  };
}
