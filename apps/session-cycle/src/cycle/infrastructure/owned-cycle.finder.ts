import type { EntityManager } from 'typeorm';
import type { CycleEntity } from './cycle.entity';

export interface OwnedCycleRow extends CycleEntity {
  user_id: string;
}

/**
 * The cycle if, and only if, its session belongs to `userId`; with `forUpdate` the cycle row stays locked until the
 * transaction ends, so two commands on one cycle run one after the other and never lose an update.
 */
export async function findOwnedCycle(
  manager: EntityManager,
  cycleId: string,
  userId: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<OwnedCycleRow | undefined> {
  const rows: OwnedCycleRow[] = await manager.query(
    `SELECT c.*, s.user_id FROM cycles c JOIN sessions s ON s.id = c.session_id
      WHERE c.id = $1 AND s.user_id = $2${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [cycleId, userId],
  );
  return rows[0];
}
