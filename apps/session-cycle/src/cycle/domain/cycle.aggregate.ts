/**
 * Cycle: one pass through the nine PrOACT components of a session (DOMAIN.md "Cycles", "Components").
 *
 * Create / rehydrate
 *   Cycle.create({ sessionId, id?, now? })                 -> cycle.created (parent_cycle_id null)
 *   Cycle.branchFrom(parent, branchPoint, { id?, now? })   -> cycle.created + cycle.branched, on the new cycle
 *   Cycle.fromSnapshot(snapshot) / cycle.toSnapshot()      -> no events
 * Commands (each throws a DomainError and changes nothing when refused; `now` defaults to the current time)
 *   startComponent(type, limits, now?)                     -> component.started
 *   updateComponentOutput(type, output, now?)              -> component.output_updated (returns the clean output)
 *   completeComponent(type, now?)                          -> component.completed (with the output)
 *   markComponentForRevision(type, reason, now?)           -> component.marked_for_revision
 *   complete(limits, dqScore, now?)                        -> cycle.completed (dq_score null outside DQ tiers)
 *   archive(now?)                                          -> cycle.archived
 * Queries: component(type), components, progress(), acceptsOutput(type), canBranchAt(type), canRevise(type).
 *
 * The rules (rules/*.rule.ts): only an active cycle changes; a component starts when its prerequisite has started
 * (decision_quality only in tiers that include it, and skipped as a prerequisite otherwise); output is written only
 * while in_progress or needs_revision (writing does not change the status: a needs_revision component stays so
 * until completed, so every status change has its own event); completion rules per component; the cycle completes when
 * recommendation (and decision_quality where the tier includes it) is complete.
 * Tier limits on the number of cycles are checked by the caller with TierLimits before create/branchFrom.
 * Events are drained with `pullEvents(metadata)` (see libs/events/src/raising/aggregate-root.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import type { TierLimits } from '../../membership/domain/tier-limits';
import { AggregateRoot } from '@choice-sherpa/events/raising';
import { checkRule } from '../../shared/domain/business-rule';
import { Component } from './component.entity';
import type { ComponentStatus } from './component-status';
import { COMPONENT_TYPES, componentIndex, REQUIRED_COMPONENTS, type ComponentType } from './component-type';
import type { ComponentSnapshot, CycleSnapshot } from './cycle.snapshot';
import type { CycleStatus } from './cycle-status';
import { summarizeOutput, type ComponentOutput } from '@choice-sherpa/events/outputs';
import { BranchPointStartedRule } from './rules/branch-point-started.rule';
import { ComponentInTierRule } from './rules/component-in-tier.rule';
import { CycleActiveRule } from './rules/cycle-active.rule';
import { CycleCompletionRule } from './rules/cycle-completion.rule';
import { CycleTransitionAllowedRule } from './rules/cycle-transition.rule';
import { PrerequisiteStartedRule } from './rules/prerequisite-started.rule';
import { assertValidCycleSnapshot } from './cycle-snapshot.check';

export interface CycleProgress {
  /** complete components among the eight required ones (notes_next_steps is optional) */
  completed: number;
  required: number;
  /** floor(completed * 100 / 8) */
  percent: number;
}

export interface CreateCycleInput {
  sessionId: string;
  id?: string;
  now?: Date;
}

interface CycleState {
  sessionId: string;
  parentCycleId: string | null;
  branchPoint: ComponentType | null;
  status: CycleStatus;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  archivedAt: Date | null;
}

export class Cycle extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private state: CycleState,
    private readonly parts: Map<ComponentType, Component>,
  ) {
    super(id, version);
  }

  static create(input: CreateCycleInput): Cycle {
    const now = input.now ?? new Date();
    const parts = new Map(COMPONENT_TYPES.map((type) => [type, Component.fresh(type)]));
    const cycle = new Cycle(input.id ?? uuidv7(), 0, Cycle.initialState(input.sessionId, null, null, now), parts);
    cycle.raiseCreated(now);
    return cycle;
  }

  /**
   * A new cycle exploring another path from `branchPoint`: components before it are copied as they are, the
   * branch point is copied and set to needs_revision ("branched for exploration"), the ones after start fresh.
   */
  static branchFrom(parent: Cycle, branchPoint: ComponentType, input: { id?: string; now?: Date } = {}): Cycle {
    checkRule(new CycleActiveRule(parent.status));
    const point = parent.part(branchPoint);
    checkRule(new BranchPointStartedRule(branchPoint, point.status));
    const now = input.now ?? new Date();
    const at = componentIndex(branchPoint);
    const parts = new Map(
      COMPONENT_TYPES.map((type, index) => {
        const source = parent.part(type);
        if (index < at) return [type, source.copyAs(uuidv7())] as const;
        if (index === at) return [type, source.branchPointCopy(uuidv7(), now)] as const;
        return [type, Component.fresh(type)] as const;
      }),
    );
    const cycle = new Cycle(input.id ?? uuidv7(), 0, Cycle.initialState(parent.sessionId, parent.id, branchPoint, now), parts);
    cycle.raiseCreated(now);
    cycle.raise(
      'cycle.branched',
      {
        cycle_id: cycle.id,
        session_id: cycle.sessionId,
        parent_cycle_id: parent.id,
        branch_point_component: branchPoint,
        branched_at: now.toISOString(),
        copied_components: COMPONENT_TYPES.slice(0, at + 1).map((type) => copiedComponent(parts.get(type)!)),
      },
      now,
    );
    return cycle;
  }

  static fromSnapshot(snapshot: CycleSnapshot): Cycle {
    assertValidCycleSnapshot(snapshot);
    const parts = new Map(snapshot.components.map((c) => [c.component_type, Component.fromSnapshot(c)]));
    return new Cycle(
      snapshot.id,
      snapshot.version,
      {
        sessionId: snapshot.session_id,
        parentCycleId: snapshot.parent_cycle_id,
        branchPoint: snapshot.branch_point,
        status: snapshot.status,
        createdAt: new Date(snapshot.created_at),
        updatedAt: new Date(snapshot.updated_at),
        completedAt: snapshot.completed_at ? new Date(snapshot.completed_at) : null,
        archivedAt: snapshot.archived_at ? new Date(snapshot.archived_at) : null,
      },
      parts,
    );
  }

  toSnapshot(): CycleSnapshot {
    return {
      id: this.id,
      session_id: this.state.sessionId,
      parent_cycle_id: this.state.parentCycleId,
      branch_point: this.state.branchPoint,
      status: this.state.status,
      components: COMPONENT_TYPES.map((type) => this.part(type).toSnapshot()),
      version: this.version,
      created_at: new Date(this.state.createdAt),
      updated_at: new Date(this.state.updatedAt),
      completed_at: this.state.completedAt ? new Date(this.state.completedAt) : null,
      archived_at: this.state.archivedAt ? new Date(this.state.archivedAt) : null,
    };
  }

  // ---- queries

  get sessionId(): string {
    return this.state.sessionId;
  }
  get parentCycleId(): string | null {
    return this.state.parentCycleId;
  }
  get branchPoint(): ComponentType | null {
    return this.state.branchPoint;
  }
  get status(): CycleStatus {
    return this.state.status;
  }
  get createdAt(): Date {
    return new Date(this.state.createdAt);
  }
  get updatedAt(): Date {
    return new Date(this.state.updatedAt);
  }
  get completedAt(): Date | null {
    return this.state.completedAt ? new Date(this.state.completedAt) : null;
  }
  get archivedAt(): Date | null {
    return this.state.archivedAt ? new Date(this.state.archivedAt) : null;
  }

  /** A copy of one component's state. */
  component(type: ComponentType): ComponentSnapshot {
    return this.part(type).toSnapshot();
  }

  /** Copies of the nine components, in order. */
  get components(): ComponentSnapshot[] {
    return COMPONENT_TYPES.map((type) => this.part(type).toSnapshot());
  }

  statusOf(type: ComponentType): ComponentStatus {
    return this.part(type).status;
  }

  progress(): CycleProgress {
    const completed = REQUIRED_COMPONENTS.filter((type) => this.statusOf(type) === 'complete').length;
    return { completed, required: REQUIRED_COMPONENTS.length, percent: Math.floor((completed * 100) / REQUIRED_COMPONENTS.length) };
  }

  /** Whether output may be written now (active cycle, component in_progress or needs_revision). */
  acceptsOutput(type: ComponentType): boolean {
    return this.status === 'active' && this.part(type).acceptsOutput;
  }

  canBranchAt(type: ComponentType): boolean {
    return this.status === 'active' && this.part(type).isStarted;
  }

  canRevise(type: ComponentType): boolean {
    const status = this.statusOf(type);
    return this.status === 'active' && (status === 'in_progress' || status === 'complete');
  }

  // ---- commands

  startComponent(type: ComponentType, limits: TierLimits, now: Date = new Date()): void {
    checkRule(new CycleActiveRule(this.status));
    checkRule(new ComponentInTierRule(type, limits));
    const component = this.part(type);
    // The state machine first: starting a started component is an invalid transition, whatever its prerequisite.
    if (component.status === 'not_started') checkRule(new PrerequisiteStartedRule(type, (t) => this.statusOf(t), limits));
    component.start(now);
    this.touch(now);
    this.raise('component.started', { ...this.componentRef(component), started_at: now.toISOString() }, now);
  }

  updateComponentOutput(type: ComponentType, output: unknown, now: Date = new Date()): ComponentOutput {
    checkRule(new CycleActiveRule(this.status));
    const component = this.part(type);
    const clean = component.writeOutput(output, now);
    this.touch(now);
    this.raise(
      'component.output_updated',
      { ...this.componentRef(component), output: clean, output_summary: summarizeOutput(clean), updated_at: now.toISOString() },
      now,
    );
    return clean;
  }

  completeComponent(type: ComponentType, now: Date = new Date()): void {
    checkRule(new CycleActiveRule(this.status));
    const component = this.part(type);
    component.complete(now);
    this.touch(now);
    this.raise('component.completed', { ...this.componentRef(component), output: component.output ?? {}, completed_at: now.toISOString() }, now);
  }

  markComponentForRevision(type: ComponentType, reason: string, now: Date = new Date()): void {
    checkRule(new CycleActiveRule(this.status));
    const component = this.part(type);
    const trimmed = component.markForRevision(reason, now);
    this.touch(now);
    this.raise('component.marked_for_revision', { ...this.componentRef(component), reason: trimmed, marked_at: now.toISOString() }, now);
  }

  /**
   * Completes the cycle. `dqScore` is the overall score analysis reported for this cycle (analysis.dq_computed),
   * null when none arrived yet; it is carried only where the tier includes DQ scoring.
   */
  complete(limits: TierLimits, dqScore: number | null, now: Date = new Date()): void {
    checkRule(new CycleActiveRule(this.status));
    checkRule(new CycleTransitionAllowedRule(this.status, 'completed'));
    checkRule(new CycleCompletionRule((t) => this.statusOf(t), limits));
    const score = limits.includesDecisionQuality && dqScore !== null && Number.isInteger(dqScore) && dqScore >= 0 && dqScore <= 100 ? dqScore : null;
    this.state = { ...this.state, status: 'completed', completedAt: now, updatedAt: now };
    this.raise('cycle.completed', { cycle_id: this.id, session_id: this.sessionId, dq_score: score, completed_at: now.toISOString() }, now);
  }

  archive(now: Date = new Date()): void {
    checkRule(new CycleTransitionAllowedRule(this.status, 'archived'));
    this.state = { ...this.state, status: 'archived', archivedAt: now, updatedAt: now };
    this.raise('cycle.archived', { cycle_id: this.id, session_id: this.sessionId, archived_at: now.toISOString() }, now);
  }

  // ---- internals

  private static initialState(sessionId: string, parentCycleId: string | null, branchPoint: ComponentType | null, now: Date): CycleState {
    return { sessionId, parentCycleId, branchPoint, status: 'active', createdAt: now, updatedAt: now, completedAt: null, archivedAt: null };
  }

  private raiseCreated(now: Date): void {
    this.raise('cycle.created', { cycle_id: this.id, session_id: this.sessionId, parent_cycle_id: this.parentCycleId, created_at: now.toISOString() }, now);
  }

  private part(type: ComponentType): Component {
    const component = this.parts.get(type);
    if (!component) throw new Error(`unknown component type ${String(type)}`);
    return component;
  }

  private componentRef(component: Component) {
    return { cycle_id: this.id, session_id: this.sessionId, component_id: component.id, component_type: component.type };
  }

  private touch(now: Date): void {
    this.state = { ...this.state, updatedAt: now };
  }
}

/** A component as cycle.branched lists it; one copied complete carries its final output (analysis needs no other). */
function copiedComponent(component: Component) {
  const copied = { component_type: component.type, component_id: component.id, status: component.status };
  return component.status === 'complete' ? { ...copied, output: component.output ?? {} } : copied;
}
