import type { BusinessRule } from '../../../shared/domain/business-rule';
import type { DomainError } from '../../../shared/domain/domain-errors';
import { DecisionQualityInTierRule } from '../../../membership/domain/tier-limits';
import type { TierLimits } from '../../../membership/domain/tier-limits';
import type { ComponentType } from '../component-type';

/** decision_quality starts only where the owner's tier includes it (403 TIER_LIMIT otherwise). */
export class ComponentInTierRule implements BusinessRule {
  readonly name = 'ComponentInTier';
  constructor(
    private readonly type: ComponentType,
    private readonly limits: TierLimits,
  ) {}
  isBroken(): boolean {
    return this.type === 'decision_quality' && !this.limits.includesDecisionQuality;
  }
  error(): DomainError {
    return new DecisionQualityInTierRule(this.limits.tier).error();
  }
}
