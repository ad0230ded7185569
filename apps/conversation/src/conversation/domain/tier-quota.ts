import { MEMBERSHIP_TIERS, type MembershipTier } from '@choice-sherpa/events/outputs';
import { TierLimitError } from './conversation-errors';

/** AI messages per day by tier (DOMAIN.md); null = unlimited. A day is the UTC calendar day. */
export const AI_MESSAGES_PER_DAY: Record<MembershipTier, number | null> = { free: 50, monthly: 200, annual: null };

export function dailyMessageLimit(tier: MembershipTier): number | null {
  return AI_MESSAGES_PER_DAY[tier];
}

/** The UTC day a message counts against. */
export function quotaDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function tierLimitReached(tier: MembershipTier, used: number): TierLimitError {
  const max = dailyMessageLimit(tier) ?? Number.POSITIVE_INFINITY;
  const higher = MEMBERSHIP_TIERS.slice(MEMBERSHIP_TIERS.indexOf(tier) + 1);
  return new TierLimitError({ limit: 'ai_messages_per_day', current: used, max, required_tier: higher[0] ?? null });
}
