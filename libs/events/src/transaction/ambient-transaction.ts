import { AsyncLocalStorage } from 'node:async_hooks';
import { describeError } from '@choice-sherpa/platform/logging/describe-error';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The ambient transaction: one PostgreSQL transaction per command and per consumed event, found by the code running
 * inside it (repositories, UnitOfWork) through AsyncLocalStorage instead of an EntityManager passed along.
 *
 * Whoever begins a transaction owns it (`openTransaction`; the stream transport for its idempotent consumer
 * transaction, one scope per handler call, savepoints included): it runs the work in a scope, commits or rolls back,
 * then runs the after-commit callbacks. Everything else joins (`joinOrOpen`): same transaction, no savepoint. An error
 * thrown out of a joined unit dooms the transaction: its owner rolls back with that error even when a caller caught
 * it, so a swallowed error never commits half a unit. Scopes are per DataSource (a host runs several services, each
 * on its own database), and a scope ends with its owner's work: a timer started inside it no longer sees it.
 */
export interface TransactionHandle {
  readonly manager: EntityManager;
  /** Runs `callback` once the outermost transaction has committed (never on rollback). */
  afterCommit(callback: () => void): void;
}

interface Frame extends TransactionHandle {
  open: boolean;
  doomed?: { error: unknown };
}

const storage = new AsyncLocalStorage<ReadonlyMap<DataSource, Frame>>();

/** The open scope of `dataSource` around the caller, if any. */
export function currentTransaction(dataSource: DataSource): TransactionHandle | undefined {
  const frame = storage.getStore()?.get(dataSource);
  return frame?.open ? frame : undefined;
}

/**
 * Runs `work` as the ambient transaction of `dataSource`, on `manager`: a transaction (or a savepoint of one) that the
 * caller began and ends. Callbacks registered with afterCommit go to `afterCommit`, for the caller to run after the
 * outermost commit (or drop on rollback). Rejects with the error of a joined unit that a caller swallowed.
 */
export async function runInScope<T>(dataSource: DataSource, manager: EntityManager, afterCommit: Array<() => void>, work: () => Promise<T>): Promise<T> {
  const frame: Frame = { manager, open: true, afterCommit: (callback) => void afterCommit.push(callback) };
  const frames = new Map(storage.getStore() ?? []);
  frames.set(dataSource, frame);
  try {
    const value = await storage.run(frames, work);
    if (frame.doomed) throw frame.doomed.error;
    return value;
  } finally {
    frame.open = false;
  }
}

/**
 * Runs the callbacks collected for a committed transaction, in order, each distinct callback once. One that throws is
 * logged and the others still run: the work has committed, so its caller must not see it fail (and retry it).
 */
export function runAfterCommit(callbacks: Array<() => void>): void {
  for (const callback of new Set(callbacks)) {
    try {
      callback();
    } catch (error) {
      const { type, code } = describeError(error);
      new Logger('TransactionScope').error({ msg: 'after-commit callback failed', error: { type, code } });
    }
  }
}

/** Begins a transaction on `dataSource` as its ambient one, commits it, then runs its after-commit callbacks. */
export async function openTransaction<T>(dataSource: DataSource, work: (tx: TransactionHandle) => Promise<T>): Promise<T> {
  const callbacks: Array<() => void> = [];
  const value = await dataSource.transaction((manager) =>
    runInScope(dataSource, manager, callbacks, () => work(currentTransaction(dataSource) as TransactionHandle)),
  );
  runAfterCommit(callbacks);
  return value;
}

/** Joins the ambient transaction of `dataSource` when one is open (an error thrown out of `work` dooms it), else opens one. */
export async function joinOrOpen<T>(dataSource: DataSource, work: (tx: TransactionHandle) => Promise<T>): Promise<T> {
  const frame = storage.getStore()?.get(dataSource);
  if (!frame?.open) return openTransaction(dataSource, work);
  try {
    return await work(frame);
  } catch (error) {
    frame.doomed ??= { error };
    throw error;
  }
}
