import type { BusinessRule } from '../../../shared/domain/business-rule';
import { CompletionRuleError } from '../../../shared/domain/domain-errors';
import { COMPLETION_RULES, type ComponentOutput } from '@choice-sherpa/events/outputs';
import type { ComponentType } from '../component-type';

/** What each component needs before it may complete (DOMAIN.md): the shared contract's rules, unmet ones listed. */
export { COMPLETION_RULES };

export class ComponentCompletionRule implements BusinessRule {
  readonly name = 'ComponentCompletion';
  private readonly problems: string[];
  constructor(
    private readonly type: ComponentType,
    output: ComponentOutput | null,
  ) {
    this.problems = COMPLETION_RULES[type](output);
  }
  isBroken(): boolean {
    return this.problems.length > 0;
  }
  error(): CompletionRuleError {
    return new CompletionRuleError(this.type, this.problems);
  }
}
