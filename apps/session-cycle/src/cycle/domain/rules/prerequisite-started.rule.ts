import type { BusinessRule } from '../../../shared/domain/business-rule';
import { PrerequisiteNotStartedError } from '../../../shared/domain/domain-errors';
import type { TierLimits } from '../../../membership/domain/tier-limits';
import { isStarted, type ComponentStatus } from '../component-status';
import { COMPONENT_TYPES, componentIndex, type ComponentType } from '../component-type';

/**
 * The prerequisite of a component is the one before it. A component the tier does not include (decision_quality on
 * free) is passed over, so a free user reaches notes_next_steps after recommendation.
 */
export function prerequisiteOf(type: ComponentType, limits: TierLimits): ComponentType | null {
  for (let index = componentIndex(type) - 1; index >= 0; index--) {
    const candidate = COMPONENT_TYPES[index];
    if (candidate === 'decision_quality' && !limits.includesDecisionQuality) continue;
    return candidate;
  }
  return null;
}

/** Start only when the prerequisite has been started (not necessarily completed): no skipping ahead. */
export class PrerequisiteStartedRule implements BusinessRule {
  readonly name = 'PrerequisiteStarted';
  private readonly prerequisite: ComponentType | null;
  constructor(
    private readonly type: ComponentType,
    private readonly statusOf: (type: ComponentType) => ComponentStatus,
    limits: TierLimits,
  ) {
    this.prerequisite = prerequisiteOf(type, limits);
  }
  isBroken(): boolean {
    return this.prerequisite !== null && !isStarted(this.statusOf(this.prerequisite));
  }
  error(): PrerequisiteNotStartedError {
    return new PrerequisiteNotStartedError(this.type, this.prerequisite ?? '');
  }
}
