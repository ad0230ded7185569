import type { DataSource, EntityManager } from 'typeorm';
import { openTransaction } from '../transaction/ambient-transaction';

export type IdempotentOutcome = 'applied' | 'duplicate';

/** Records that `handler` handled `event_id`; returns the row only the first time. */
export const PROCESSED_INSERT = 'INSERT INTO processed_events (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id';

/** The multi-row PROCESSED_INSERT: records many events for one handler in one statement. */
export const PROCESSED_INSERT_MANY =
  'INSERT INTO processed_events (event_id, handler) SELECT id, $2 FROM unnest($1::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id';

/**
 * Records that `handler` handled each of `eventIds` (one statement); returns the ids recorded now, lower-cased
 * (those already there were handled by an earlier delivery). An id given twice is recorded once.
 */
export async function recordProcessed(manager: EntityManager, handler: string, eventIds: string[]): Promise<Set<string>> {
  const rows: { event_id: string }[] = await manager.query(PROCESSED_INSERT_MANY, [eventIds, handler]);
  return new Set(rows.map((row) => row.event_id.toLowerCase()));
}

/**
 * Runs `effect` in one transaction with the `processed_events (event_id, handler)` row; a row that is already there
 * means an earlier delivery committed, so the effect is skipped. The transaction is the ambient one inside `effect`
 * (TransactionScope.manager(), UnitOfWork.run join it); a throwing effect rolls all of it back, the row included.
 */
export async function runIdempotent(
  dataSource: DataSource,
  handler: string,
  eventId: string,
  effect: (manager: EntityManager) => Promise<unknown>,
): Promise<IdempotentOutcome> {
  return openTransaction(dataSource, async ({ manager }) => {
    const inserted: unknown[] = await manager.query(PROCESSED_INSERT, [eventId, handler]);
    if (inserted.length === 0) return 'duplicate';
    await effect(manager);
    return 'applied';
  });
}
