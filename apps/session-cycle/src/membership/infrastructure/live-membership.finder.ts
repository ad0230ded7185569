import type { EntityManager } from 'typeorm';
import { MembershipEntity } from './membership.entity';

/** The user's membership that still counts (not cancelled or expired); at most one by the unique index. */
export async function findLiveMembership(manager: EntityManager, userId: string): Promise<MembershipEntity | undefined> {
  const rows: MembershipEntity[] = await manager.query(
    `SELECT * FROM memberships WHERE user_id = $1 AND status NOT IN ('cancelled', 'expired') LIMIT 1`,
    [userId],
  );
  return rows[0];
}
