import type { BusinessRule } from '../../../shared/domain/business-rule';
import { CycleNotActiveError } from '../../../shared/domain/domain-errors';
import type { CycleStatus } from '../cycle-status';

/** Only an active cycle changes (components, completion, branching from it). */
export class CycleActiveRule implements BusinessRule {
  readonly name = 'CycleActive';
  constructor(private readonly status: CycleStatus) {}
  isBroken(): boolean {
    return this.status !== 'active';
  }
  error(): CycleNotActiveError {
    return new CycleNotActiveError(this.status);
  }
}
