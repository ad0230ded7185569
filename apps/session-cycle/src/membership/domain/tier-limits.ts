import { checkRule, type BusinessRule } from '../../shared/domain/business-rule';
import { TierLimitError, type TierLimitDetails } from '../../shared/domain/domain-errors';
import { MEMBERSHIP_TIERS, type MembershipTier } from './membership-tier';

/**
 * TierLimits: the policy object for what a tier allows (DOMAIN.md "Memberships and limits"). `null` = unlimited.
 * A user with no membership (or one that is not in force) gets `TierLimits.for('free')`.
 *
 *   const limits = TierLimits.for(membership?.effectiveTier ?? 'free');
 *   limits.checkActiveSessions(activeSessionCount);     // before creating a session
 *   limits.checkCyclesPerSession(cycleCountOfSession);  // before creating or branching a cycle
 *   limits.checkDecisionQualityAccess();                // Cycle does it when decision_quality starts
 *
 * Each check throws TierLimitError (403 TIER_LIMIT, details {limit, current, max, required_tier}), where
 * required_tier is the lowest tier that would allow one more.
 */
export interface TierLimitTable {
  activeSessions: number | null;
  cyclesPerSession: number | null;
  aiMessagesPerDay: number | null;
  decisionQuality: boolean;
}

export const TIER_LIMIT_TABLE: Readonly<Record<MembershipTier, TierLimitTable>> = {
  free: { activeSessions: 3, cyclesPerSession: 2, aiMessagesPerDay: 50, decisionQuality: false },
  monthly: { activeSessions: 10, cyclesPerSession: 5, aiMessagesPerDay: 200, decisionQuality: true },
  annual: { activeSessions: null, cyclesPerSession: null, aiMessagesPerDay: null, decisionQuality: true },
};

type CountedLimit = 'activeSessions' | 'cyclesPerSession' | 'aiMessagesPerDay';
const LIMIT_NAMES: Record<CountedLimit, TierLimitDetails['limit']> = {
  activeSessions: 'active_sessions',
  cyclesPerSession: 'cycles_per_session',
  aiMessagesPerDay: 'ai_messages_per_day',
};

/** The lowest tier whose limit allows `wanted`, or null if none does. */
function lowestTierAllowing(limit: CountedLimit, wanted: number): MembershipTier | null {
  return MEMBERSHIP_TIERS.find((tier) => {
    const max = TIER_LIMIT_TABLE[tier][limit];
    return max === null || wanted <= max;
  }) ?? null;
}

/** Adding one more must keep `current + 1 <= max`. */
export class CountWithinTierLimitRule implements BusinessRule {
  readonly name = 'CountWithinTierLimit';
  constructor(
    private readonly tier: MembershipTier,
    private readonly limit: CountedLimit,
    private readonly current: number,
  ) {}
  isBroken(): boolean {
    const max = TIER_LIMIT_TABLE[this.tier][this.limit];
    return max !== null && this.current + 1 > max;
  }
  error(): TierLimitError {
    return new TierLimitError({
      limit: LIMIT_NAMES[this.limit],
      current: this.current,
      max: TIER_LIMIT_TABLE[this.tier][this.limit] ?? Number.MAX_SAFE_INTEGER,
      required_tier: lowestTierAllowing(this.limit, this.current + 1),
    });
  }
}

/** decision_quality (the component and DQ scoring) is not in the free tier. */
export class DecisionQualityInTierRule implements BusinessRule {
  readonly name = 'DecisionQualityInTier';
  constructor(private readonly tier: MembershipTier) {}
  isBroken(): boolean {
    return !TIER_LIMIT_TABLE[this.tier].decisionQuality;
  }
  error(): TierLimitError {
    return new TierLimitError({
      limit: 'decision_quality',
      current: 0,
      max: 0,
      required_tier: MEMBERSHIP_TIERS.find((tier) => TIER_LIMIT_TABLE[tier].decisionQuality) ?? null,
    });
  }
}

export class TierLimits {
  private constructor(readonly tier: MembershipTier) {}

  static for(tier: MembershipTier): TierLimits {
    return new TierLimits(tier);
  }

  get maxActiveSessions(): number | null {
    return TIER_LIMIT_TABLE[this.tier].activeSessions;
  }
  get maxCyclesPerSession(): number | null {
    return TIER_LIMIT_TABLE[this.tier].cyclesPerSession;
  }
  get maxAiMessagesPerDay(): number | null {
    return TIER_LIMIT_TABLE[this.tier].aiMessagesPerDay;
  }
  get includesDecisionQuality(): boolean {
    return TIER_LIMIT_TABLE[this.tier].decisionQuality;
  }

  /** `current` = the user's active sessions now; throws when one more would exceed the tier. */
  checkActiveSessions(current: number): void {
    checkRule(new CountWithinTierLimitRule(this.tier, 'activeSessions', current));
  }
  /** `current` = cycles the session has now (branches count too). */
  checkCyclesPerSession(current: number): void {
    checkRule(new CountWithinTierLimitRule(this.tier, 'cyclesPerSession', current));
  }
  checkAiMessagesToday(current: number): void {
    checkRule(new CountWithinTierLimitRule(this.tier, 'aiMessagesPerDay', current));
  }
  checkDecisionQualityAccess(): void {
    checkRule(new DecisionQualityInTierRule(this.tier));
  }
}
