import type { MembershipEntity } from '../infrastructure/membership.entity';

export interface MembershipResponse {
  id: string;
  user_id: string;
  email: string;
  tier: string;
  status: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export function toMembershipResponse(row: MembershipEntity): MembershipResponse {
  return {
    id: row.id,
    user_id: row.user_id,
    email: row.email,
    tier: row.tier,
    status: row.status,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    cancelled_at: row.cancelled_at ? new Date(row.cancelled_at).toISOString() : null,
    cancel_reason: row.cancel_reason,
  };
}
