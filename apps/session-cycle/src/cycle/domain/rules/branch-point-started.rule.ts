import type { BusinessRule } from '../../../shared/domain/business-rule';
import { ComponentNotStartedError } from '../../../shared/domain/domain-errors';
import { isStarted, type ComponentStatus } from '../component-status';
import type { ComponentType } from '../component-type';

/** A cycle branches only at a component that has been started. */
export class BranchPointStartedRule implements BusinessRule {
  readonly name = 'BranchPointStarted';
  constructor(
    private readonly type: ComponentType,
    private readonly status: ComponentStatus,
  ) {}
  isBroken(): boolean {
    return !isStarted(this.status);
  }
  error(): ComponentNotStartedError {
    return new ComponentNotStartedError(this.type);
  }
}
