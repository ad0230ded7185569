/** pending, active, past_due, cancelled, expired (DOMAIN.md). */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'past_due', 'cancelled', 'expired'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Billing is out of scope here, so the transitions are the plausible ones; cancelled and expired are final. */
export const MEMBERSHIP_TRANSITIONS: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  pending: ['active', 'cancelled', 'expired'],
  active: ['past_due', 'cancelled', 'expired'],
  past_due: ['active', 'cancelled', 'expired'],
  cancelled: [],
  expired: [],
};

/** The statuses in which the paid tier applies (past_due keeps it during the grace period). */
export const MEMBERSHIP_IN_FORCE: readonly MembershipStatus[] = ['active', 'past_due'];

export function isMembershipStatus(value: unknown): value is MembershipStatus {
  return typeof value === 'string' && (MEMBERSHIP_STATUSES as readonly string[]).includes(value);
}
