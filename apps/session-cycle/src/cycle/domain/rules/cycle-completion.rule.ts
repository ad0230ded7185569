import type { BusinessRule } from '../../../shared/domain/business-rule';
import { CycleIncompleteError } from '../../../shared/domain/domain-errors';
import type { TierLimits } from '../../../membership/domain/tier-limits';
import type { ComponentStatus } from '../component-status';
import type { ComponentType } from '../component-type';

/** The components that must be complete before the cycle completes, for the owner's tier. */
export function componentsRequiredToComplete(limits: TierLimits): ComponentType[] {
  return limits.includesDecisionQuality ? ['recommendation', 'decision_quality'] : ['recommendation'];
}

/** recommendation is complete and, where the tier includes decision_quality, decision_quality is complete. */
export class CycleCompletionRule implements BusinessRule {
  readonly name = 'CycleCompletion';
  private readonly missing: ComponentType[];
  constructor(statusOf: (type: ComponentType) => ComponentStatus, limits: TierLimits) {
    this.missing = componentsRequiredToComplete(limits).filter((type) => statusOf(type) !== 'complete');
  }
  isBroken(): boolean {
    return this.missing.length > 0;
  }
  error(): CycleIncompleteError {
    return new CycleIncompleteError(this.missing);
  }
}
