import type { DataSource, EntityManager } from 'typeorm';

export type IdempotentOutcome = 'applied' | 'duplicate';

/** Records that `handler` handled `event_id`; returns the row only the first time. */
export const PROCESSED_INSERT = 'INSERT INTO processed_events (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id';

/**
 * Runs `effect` in one transaction with the `processed_events (event_id, handler)` row; a row that is already there
 * means an earlier delivery committed, so the effect is skipped.
 */
export async function runIdempotent(
  dataSource: DataSource,
  handler: string,
  eventId: string,
  effect: (manager: EntityManager) => Promise<unknown>,
): Promise<IdempotentOutcome> {
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(PROCESSED_INSERT, [eventId, handler]);
    if (inserted.length === 0) return 'duplicate';
    await effect(manager);
    return 'applied';
  });
}
