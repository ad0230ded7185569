import { MEMBERSHIP_TIERS, type MembershipTier } from '@choice-sherpa/events/catalog';

/** free < monthly < annual (the catalog's order); an upgrade must move right. */
export { MEMBERSHIP_TIERS, type MembershipTier };

export function tierRank(tier: MembershipTier): number {
  return MEMBERSHIP_TIERS.indexOf(tier);
}

export function isMembershipTier(value: unknown): value is MembershipTier {
  return typeof value === 'string' && (MEMBERSHIP_TIERS as readonly string[]).includes(value);
}
