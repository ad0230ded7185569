import type { BusinessRule } from '../../../shared/domain/business-rule';
import { ComponentNotStartedError, InvalidTransitionError, type DomainError } from '../../../shared/domain/domain-errors';
import { canTransition, type ComponentStatus } from '../component-status';
import type { ComponentType } from '../component-type';

/** Only the transitions of DOMAIN.md; acting on a never-started component says so (COMPONENT_NOT_STARTED). */
export class ComponentTransitionAllowedRule implements BusinessRule {
  readonly name = 'ComponentTransitionAllowed';
  constructor(
    private readonly type: ComponentType,
    private readonly from: ComponentStatus,
    private readonly to: ComponentStatus,
  ) {}
  isBroken(): boolean {
    return !canTransition(this.from, this.to);
  }
  error(): DomainError {
    if (this.from === 'not_started') return new ComponentNotStartedError(this.type);
    return new InvalidTransitionError(`component ${this.type}`, this.from, this.to);
  }
}

/** Start is the way out of not_started only (DOMAIN.md: "Start: the component is not_started ..."). */
export class StartsFromNotStartedRule implements BusinessRule {
  readonly name = 'StartsFromNotStarted';
  constructor(
    private readonly type: ComponentType,
    private readonly from: ComponentStatus,
  ) {}
  isBroken(): boolean {
    return this.from !== 'not_started';
  }
  error(): DomainError {
    return new InvalidTransitionError(`component ${this.type}`, this.from, 'in_progress');
  }
}
