import type { BusinessRule } from '../../../shared/domain/business-rule';
import { InvalidTransitionError } from '../../../shared/domain/domain-errors';
import { CYCLE_TRANSITIONS, type CycleStatus } from '../cycle-status';

/** active -> completed | archived; completed -> archived; nothing else. */
export class CycleTransitionAllowedRule implements BusinessRule {
  readonly name = 'CycleTransitionAllowed';
  constructor(
    private readonly from: CycleStatus,
    private readonly to: CycleStatus,
  ) {}
  isBroken(): boolean {
    return !CYCLE_TRANSITIONS[this.from].includes(this.to);
  }
  error(): InvalidTransitionError {
    return new InvalidTransitionError('cycle', this.from, this.to);
  }
}
