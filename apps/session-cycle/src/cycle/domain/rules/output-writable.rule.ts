import type { BusinessRule } from '../../../shared/domain/business-rule';
import { ComponentNotStartedError, OutputLockedError, type DomainError } from '../../../shared/domain/domain-errors';
import { acceptsOutput, type ComponentStatus } from '../component-status';
import type { ComponentType } from '../component-type';

/** Output is written only while in_progress or needs_revision; a complete component is locked. */
export class OutputWritableRule implements BusinessRule {
  readonly name = 'OutputWritable';
  constructor(
    private readonly type: ComponentType,
    private readonly status: ComponentStatus,
  ) {}
  isBroken(): boolean {
    return !acceptsOutput(this.status);
  }
  error(): DomainError {
    return this.status === 'not_started' ? new ComponentNotStartedError(this.type) : new OutputLockedError(this.type);
  }
}
