import type { MembershipTier } from './membership-tier';
import type { MembershipStatus } from './membership-status';

/** Plain state for persistence (columns of the memberships table); `Membership.fromSnapshot` raises no events. */
export interface MembershipSnapshot {
  id: string;
  user_id: string;
  email: string;
  tier: MembershipTier;
  status: MembershipStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}
