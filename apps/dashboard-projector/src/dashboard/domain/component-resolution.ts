import { COMPONENT_TYPES, ComponentStatus, ComponentType, isAfter } from './component-types';
import type { ComponentHistoryEntry, ComponentRecord, CycleRecord } from './read-model';

export interface ResolvedComponent {
  component_type: ComponentType;
  component_id: string | null;
  status: ComponentStatus;
  output: Record<string, unknown> | null;
  output_summary: string | null;
  revision_reason: string | null;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string | null;
  /** the ancestor cycle this state was copied from at branch time; null for the cycle's own state */
  inherited_from: string | null;
}

export const BRANCH_REVISION_REASON = 'branched for exploration';
const MAX_BRANCH_DEPTH = 100;

const time = (value: string) => Date.parse(value);

/**
 * A branch's components come from its parent as they were at the branch (DOMAIN.md "Branch at component X"):
 * before X copied as they were, X copied as needs_revision, after X fresh. The copy is resolved when the view is
 * read, from the parent's component history up to `branched_at`, instead of being copied when cycle.branched is
 * applied: parent and branch are different aggregates on different partitions, so the branch event may be
 * projected before or after the parent's neighbouring events, and this way the result does not depend on it.
 * The branch's own events, once it has any for a component, win.
 */
export class ComponentResolver {
  private readonly cycles: Map<string, CycleRecord>;
  private readonly current = new Map<string, ComponentRecord>();
  private readonly history = new Map<string, ComponentHistoryEntry[]>();

  constructor(cycles: CycleRecord[], components: ComponentRecord[], history: ComponentHistoryEntry[]) {
    this.cycles = new Map(cycles.map((c) => [c.cycle_id, c]));
    for (const record of components) this.current.set(keyOf(record.cycle_id, record.component_type), record);
    for (const entry of [...history].sort((a, b) => a.sequence - b.sequence)) {
      const key = keyOf(entry.record.cycle_id, entry.record.component_type);
      this.history.set(key, [...(this.history.get(key) ?? []), entry]);
    }
  }

  componentsOf(cycleId: string): ResolvedComponent[] {
    return COMPONENT_TYPES.map((type) => this.resolve(cycleId, type, undefined, 0));
  }

  component(cycleId: string, type: ComponentType): ResolvedComponent {
    return this.resolve(cycleId, type, undefined, 0);
  }

  private resolve(cycleId: string, type: ComponentType, asOf: string | undefined, depth: number): ResolvedComponent {
    const own = asOf === undefined ? this.current.get(keyOf(cycleId, type)) : this.latestAtOrBefore(cycleId, type, asOf);
    if (own) return { ...fromRecord(own), inherited_from: null };
    const cycle = this.cycles.get(cycleId);
    const parentId = cycle?.parent_cycle_id;
    if (!cycle || !parentId || !cycle.branch_point || !cycle.branched_at || depth >= MAX_BRANCH_DEPTH) return notStarted(type);
    if (isAfter(type, cycle.branch_point)) return notStarted(type);
    const copied = this.resolve(parentId, type, cycle.branched_at, depth + 1);
    if (copied.status === 'not_started' && copied.inherited_from === null) return notStarted(type);
    const inherited = { ...copied, inherited_from: copied.inherited_from ?? parentId };
    return type === cycle.branch_point ? { ...inherited, status: 'needs_revision', revision_reason: BRANCH_REVISION_REASON } : inherited;
  }

  private latestAtOrBefore(cycleId: string, type: ComponentType, asOf: string): ComponentRecord | undefined {
    const entries = this.history.get(keyOf(cycleId, type)) ?? [];
    let found: ComponentRecord | undefined;
    for (const entry of entries) if (time(entry.occurred_at) <= time(asOf)) found = entry.record;
    return found;
  }
}

function keyOf(cycleId: string, type: ComponentType): string {
  return `${cycleId}|${type}`;
}

function fromRecord(record: ComponentRecord): Omit<ResolvedComponent, 'inherited_from'> {
  const { component_type, component_id, status, output, output_summary, revision_reason, started_at, completed_at, updated_at } = record;
  return { component_type, component_id, status, output, output_summary, revision_reason, started_at, completed_at, updated_at };
}

function notStarted(type: ComponentType): ResolvedComponent {
  return {
    component_type: type,
    component_id: null,
    status: 'not_started',
    output: null,
    output_summary: null,
    revision_reason: null,
    started_at: null,
    completed_at: null,
    updated_at: null,
    inherited_from: null,
  };
}
