import { Membership } from '../domain/membership.aggregate';
import type { MembershipSnapshot } from '../domain/membership.snapshot';
import type { MembershipEntity } from './membership.entity';

export const MembershipMapper = {
  toDomain(row: MembershipEntity): Membership {
    return Membership.fromSnapshot({
      id: row.id,
      user_id: row.user_id,
      email: row.email,
      tier: row.tier as MembershipSnapshot['tier'],
      status: row.status as MembershipSnapshot['status'],
      version: row.version,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
      cancelled_at: row.cancelled_at ? new Date(row.cancelled_at) : null,
      cancel_reason: row.cancel_reason,
    });
  },

  toPersistence(membership: Membership): MembershipEntity {
    return { ...membership.toSnapshot() };
  },
};
