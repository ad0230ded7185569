import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentTransaction, joinOrOpen } from './ambient-transaction';

export class NoAmbientTransactionError extends Error {
  constructor() {
    super('no transaction is open here: TransactionScope.manager() works inside UnitOfWork.run, TransactionScope.run or an idempotent stream handler');
  }
}

/**
 * The service's ambient transaction, for repositories and handlers (see ambient-transaction.ts):
 * `scope.manager()` inside a command's `unitOfWork.run(...)` or an idempotent stream handler; `scope.run(work)` joins
 * the open transaction or opens one. Provided by OutboxModule; a consumer-only service lists it in its providers.
 */
@Injectable()
export class TransactionScope {
  constructor(private readonly dataSource: DataSource) {}

  /** The EntityManager of the open transaction; throws NoAmbientTransactionError outside of one. */
  manager(): EntityManager {
    const tx = currentTransaction(this.dataSource);
    if (!tx) throw new NoAmbientTransactionError();
    return tx.manager;
  }

  /** The open transaction's EntityManager, or undefined. */
  current(): EntityManager | undefined {
    return currentTransaction(this.dataSource)?.manager;
  }

  /** For reads: the open transaction's EntityManager, else the DataSource's (a query run outside any transaction). */
  reader(): EntityManager {
    return this.current() ?? this.dataSource.manager;
  }

  /** Runs `callback` after the open transaction commits (never on rollback); throws outside of one. */
  afterCommit(callback: () => void): void {
    const tx = currentTransaction(this.dataSource);
    if (!tx) throw new NoAmbientTransactionError();
    tx.afterCommit(callback);
  }

  /** Joins the open transaction (an error thrown out of `work` rolls all of it back), else runs `work` in a new one. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return joinOrOpen(this.dataSource, (tx) => work(tx.manager));
  }
}
