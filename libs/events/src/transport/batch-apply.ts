import type { DataSource, EntityManager } from 'typeorm';
import { PROCESSED_INSERT, recordProcessed } from '../consumer/run-idempotent';
import { runAfterCommit, runInScope } from '../transaction/ambient-transaction';
import type { RegisteredHandler } from './handler-registry';
import type { TransportEvent } from './parse-seam';
import { duplicatesSkipped, eventsProcessed } from './transport.metrics';

export interface Delivery {
  stream: string;
  entryId: string;
  fields: Record<string, string>;
  /** Deliveries before this one (Redis delivery count - 1 for pending entries, 0 for new ones). */
  previousDeliveries: number;
}

/** One entry of a read that may be handled with the others: a first delivery that parsed, and its handlers. */
export interface BatchItem {
  delivery: Delivery;
  event: TransportEvent;
  handlers: RegisteredHandler[];
}

/** Calls a handler with one event, or with a batch (`TransportEvent[]`) for a batch handler; `delivery` names the read's last entry. */
export type HandlerCall = (handler: RegisteredHandler, data: TransportEvent | TransportEvent[], delivery: Delivery, attempt: number, manager?: EntityManager) => Promise<void>;

/**
 * Outcomes counted while a transaction runs, reported once it committed, and the after-commit callbacks of the
 * handlers' ambient scopes (a savepoint rolled back drops its part of both).
 */
class Tally {
  private readonly counts = new Map<string, { handler: string; outcome: 'applied' | 'duplicate'; n: number }>();
  readonly afterCommit: Array<() => void> = [];

  add(handler: string, outcome: 'applied' | 'duplicate', n: number): void {
    if (n === 0) return;
    const key = `${handler}\u0000${outcome}`;
    const entry = this.counts.get(key) ?? { handler, outcome, n: 0 };
    entry.n += n;
    this.counts.set(key, entry);
  }

  merge(other: Tally): void {
    for (const { handler, outcome, n } of other.counts.values()) this.add(handler, outcome, n);
    this.afterCommit.push(...other.afterCommit);
  }

  report(): void {
    for (const { handler, outcome, n } of this.counts.values()) {
      if (outcome === 'duplicate') duplicatesSkipped.inc({ handler }, n);
      eventsProcessed.inc({ handler, outcome }, n);
    }
    runAfterCommit(this.afterCommit);
  }
}

/**
 * Handles the leading entries of a read together (stream order kept for every handler):
 * 1. In ONE transaction, the ambient one of each handler call (TransactionScope, UnitOfWork.run join it): per-event
 *    idempotent handlers entry by entry, each entry under a savepoint (a throwing
 *    entry is rolled back and ends the batch there); then each idempotent batch handler once, over the entries before
 *    that point: its processed_events rows in one multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING, the handler
 *    called with only the events recorded now (redelivered ones were applied by an earlier commit).
 * 2. After the commit, each non-idempotent batch handler once, over the same entries.
 * Returns how many leading entries every handler has handled (acknowledge them); the caller handles the rest one by
 * one (retries, dead letters). A batch handler that throws makes it 0: its part rolls back, everything else that
 * committed stays, and the one-by-one pass finds those events already processed, so nothing is lost or applied twice.
 */
export async function applyBatch(dataSource: DataSource | undefined, work: BatchItem[], call: HandlerCall): Promise<number> {
  const perEvent = work.some((item) => item.handlers.some(isPerEventIdempotent));
  const inTransaction = batchHandlers(work, (handler) => handler.idempotent);
  const afterCommit = batchHandlers(work, (handler) => !handler.idempotent);
  let handled = work.length;
  if (perEvent || inTransaction.length > 0) {
    if (!dataSource) return 0;
    const tally = new Tally();
    let batchFailed = false;
    try {
      await dataSource.transaction(async (manager) => {
        if (perEvent) handled = await perEventHandlers(dataSource, manager, work, call, tally);
        if (inTransaction.length === 0 || handled === 0) return;
        const head = work.slice(0, handled);
        if (!perEvent) {
          for (const handler of inTransaction) await idempotentBatch(dataSource, manager, handler, head, call, tally);
          return;
        }
        // The per-event handlers' work before this point commits even when a batch handler throws.
        await manager.query('SAVEPOINT stream_batch');
        const batchTally = new Tally();
        try {
          for (const handler of inTransaction) await idempotentBatch(dataSource, manager, handler, head, call, batchTally);
          await manager.query('RELEASE SAVEPOINT stream_batch');
          tally.merge(batchTally);
        } catch {
          await manager.query('ROLLBACK TO SAVEPOINT stream_batch');
          batchFailed = true;
        }
      });
    } catch {
      return 0; // the transaction rolled back: nothing of it happened; one by one takes over
    }
    tally.report();
    if (batchFailed) return 0;
  }
  const head = work.slice(0, handled);
  for (const handler of afterCommit) {
    const items = head.filter((item) => handles(item, handler));
    if (items.length === 0) continue;
    try {
      await call(handler, items.map((item) => item.event), items[items.length - 1].delivery, 1);
    } catch {
      return 0; // at-least-once handlers: the one-by-one pass calls them again, event by event
    }
    eventsProcessed.inc({ handler: handler.name, outcome: 'applied' }, items.length);
  }
  return handled;
}

function isPerEventIdempotent(handler: RegisteredHandler): boolean {
  return handler.idempotent && !handler.batch;
}

function handles(item: BatchItem, handler: RegisteredHandler): boolean {
  return item.handlers.some((candidate) => candidate.name === handler.name);
}

/** The distinct batch handlers (by name) of the work that satisfy `which`, in order of first appearance. */
function batchHandlers(work: BatchItem[], which: (handler: RegisteredHandler) => boolean): RegisteredHandler[] {
  const found = new Map<string, RegisteredHandler>();
  for (const item of work) for (const handler of item.handlers) if (handler.batch && which(handler) && !found.has(handler.name)) found.set(handler.name, handler);
  return [...found.values()];
}

/**
 * The per-event idempotent handlers, entry by entry under a savepoint; stops at the first entry whose handler throws
 * (rolled back). Returns how many leading entries committed their part.
 */
async function perEventHandlers(dataSource: DataSource, manager: EntityManager, work: BatchItem[], call: HandlerCall, tally: Tally): Promise<number> {
  let handled = 0;
  for (const { delivery, event, handlers } of work) {
    const mine = handlers.filter(isPerEventIdempotent);
    if (mine.length > 0) {
      await manager.query('SAVEPOINT stream_entry');
      const entryTally = new Tally();
      try {
        for (const handler of mine) {
          const inserted: unknown[] = await manager.query(PROCESSED_INSERT, [event.event_id, handler.name]);
          if (inserted.length > 0) {
            await runInScope(dataSource, manager, entryTally.afterCommit, () => call(handler, event, delivery, delivery.previousDeliveries + 1, manager));
          }
          entryTally.add(handler.name, inserted.length > 0 ? 'applied' : 'duplicate', 1);
        }
      } catch {
        await manager.query('ROLLBACK TO SAVEPOINT stream_entry');
        return handled;
      }
      await manager.query('RELEASE SAVEPOINT stream_entry');
      tally.merge(entryTally);
    }
    handled++;
  }
  return handled;
}

/** One idempotent batch handler over `head`: one multi-row processed_events insert, one call with the new events. */
async function idempotentBatch(
  dataSource: DataSource,
  manager: EntityManager,
  handler: RegisteredHandler,
  head: BatchItem[],
  call: HandlerCall,
  tally: Tally,
): Promise<void> {
  const items = head.filter((item) => handles(item, handler));
  if (items.length === 0) return;
  const fresh = await recordProcessed(manager, handler.name, items.map((item) => item.event.event_id));
  const events: TransportEvent[] = [];
  for (const { event } of items) {
    const id = event.event_id.toLowerCase();
    // the first of two entries carrying one event (a relay retry) is applied; the second is a duplicate
    if (fresh.delete(id)) events.push(event);
  }
  tally.add(handler.name, 'applied', events.length);
  tally.add(handler.name, 'duplicate', items.length - events.length);
  if (events.length > 0) await runInScope(dataSource, manager, tally.afterCommit, () => call(handler, events, items[items.length - 1].delivery, 1, manager));
}
