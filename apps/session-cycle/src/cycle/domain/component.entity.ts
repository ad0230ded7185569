import { v7 as uuidv7 } from 'uuid';
import { checkRule } from '../../shared/domain/business-rule';
import { acceptsOutput, isStarted, type ComponentStatus } from './component-status';
import type { ComponentType } from './component-type';
import type { ComponentSnapshot } from './cycle.snapshot';
import type { ComponentOutput } from '@choice-sherpa/events/outputs';
import { parseComponentOutput } from './parse-component-output';
import { ComponentCompletionRule } from './rules/component-completion.rule';
import { ComponentTransitionAllowedRule, StartsFromNotStartedRule } from './rules/component-transition.rule';
import { OutputWritableRule } from './rules/output-writable.rule';
import { RevisionReasonRule } from './rules/revision-reason.rule';

export const BRANCHED_FOR_EXPLORATION = 'branched for exploration';

/**
 * One PrOACT component inside a Cycle (an entity of the Cycle aggregate; change it only through Cycle, which
 * checks that the cycle is active and raises the events). Status machine and output rules live here.
 */
export class Component {
  private constructor(private state: ComponentSnapshot) {}

  static fresh(type: ComponentType, id: string = uuidv7()): Component {
    return new Component({
      id,
      component_type: type,
      status: 'not_started',
      output: null,
      revision_reason: null,
      started_at: null,
      completed_at: null,
      updated_at: null,
    });
  }

  static fromSnapshot(snapshot: ComponentSnapshot): Component {
    return new Component(structuredClone(snapshot));
  }

  toSnapshot(): ComponentSnapshot {
    return structuredClone(this.state);
  }

  get id(): string {
    return this.state.id;
  }
  get type(): ComponentType {
    return this.state.component_type;
  }
  get status(): ComponentStatus {
    return this.state.status;
  }
  get output(): ComponentOutput | null {
    return this.state.output === null ? null : structuredClone(this.state.output);
  }
  get isStarted(): boolean {
    return isStarted(this.state.status);
  }
  get acceptsOutput(): boolean {
    return acceptsOutput(this.state.status);
  }

  start(at: Date): void {
    checkRule(new StartsFromNotStartedRule(this.type, this.status));
    this.state = { ...this.state, status: 'in_progress', started_at: at.toISOString(), updated_at: at.toISOString() };
  }

  /**
   * Validates and stores the output. The status stays as it is (a needs_revision component stays so until it is
   * completed again): every status change has its own event, and component.output_updated is not one.
   */
  writeOutput(output: unknown, at: Date): ComponentOutput {
    checkRule(new OutputWritableRule(this.type, this.status));
    const clean = parseComponentOutput(this.type, output);
    this.state = { ...this.state, output: clean, updated_at: at.toISOString() };
    return structuredClone(clean);
  }

  complete(at: Date): void {
    checkRule(new ComponentTransitionAllowedRule(this.type, this.status, 'complete'));
    checkRule(new ComponentCompletionRule(this.type, this.state.output));
    this.state = { ...this.state, status: 'complete', revision_reason: null, completed_at: at.toISOString(), updated_at: at.toISOString() };
  }

  /** Returns the trimmed reason. */
  markForRevision(reason: string, at: Date): string {
    checkRule(new RevisionReasonRule(reason));
    checkRule(new ComponentTransitionAllowedRule(this.type, this.status, 'needs_revision'));
    const trimmed = reason.trim();
    this.state = { ...this.state, status: 'needs_revision', revision_reason: trimmed, updated_at: at.toISOString() };
    return trimmed;
  }

  /** The copy a branch gets of its branch point: same output, needs_revision ("branched for exploration"). */
  branchPointCopy(id: string, at: Date): Component {
    return new Component({
      ...structuredClone(this.state),
      id,
      status: 'needs_revision',
      revision_reason: BRANCHED_FOR_EXPLORATION,
      completed_at: null,
      updated_at: at.toISOString(),
    });
  }

  /** The copy a branch gets of a component before its branch point: as it is, under a new id. */
  copyAs(id: string): Component {
    return new Component({ ...structuredClone(this.state), id });
  }
}
