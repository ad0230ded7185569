import { dqView, DqView, pughView, PughView } from './analysis-results';
import type { ComponentStatus, ComponentType, CycleStatus, SessionStatus } from './component-types';
import { Progress, progressOf } from './progress';
import type { CycleRecord } from './read-model';
import type { SequencePosition } from './sequence-position';
import type { SessionSnapshot } from './session-records';

export interface ComponentStatusView {
  component_type: ComponentType;
  status: ComponentStatus;
  message_count: number;
  last_message_at: string | null;
  inherited_from: string | null;
}

export interface CycleView {
  cycle_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  created_at: string | null;
  branched_at: string | null;
  completed_at: string | null;
  archived_at: string | null;
  progress: Progress;
  components: ComponentStatusView[];
  pugh: PughView | null;
  dq: DqView | null;
  branches: CycleView[];
}

export interface SessionView {
  session_id: string;
  title: string | null;
  status: SessionStatus;
  created_at: string | null;
  archived_at: string | null;
  last_updated_at: string;
  cycle_count: number;
  cycles: CycleView[];
  positions: SequencePosition[];
}

export function cycleView(snapshot: SessionSnapshot, cycleId: string): Omit<CycleView, 'branches'> {
  const cycle = snapshot.cycle(cycleId);
  if (!cycle) throw new Error(`cycle ${cycleId} is not part of the snapshot`);
  const components = snapshot.resolver.componentsOf(cycleId).map((c) => {
    const conversation = snapshot.messages.of(cycleId, c.component_type);
    return {
      component_type: c.component_type,
      status: c.status,
      message_count: conversation?.message_count ?? 0,
      last_message_at: conversation?.last_message_at ?? null,
      inherited_from: c.inherited_from,
    };
  });
  const { parent_cycle_id, branch_point, status, created_at, branched_at, completed_at, archived_at } = cycle;
  return {
    cycle_id: cycleId,
    parent_cycle_id,
    branch_point,
    status,
    created_at,
    branched_at,
    completed_at,
    archived_at,
    progress: progressOf(components),
    components,
    pugh: pughView(snapshot.analysis(cycleId)),
    dq: dqView(snapshot.analysis(cycleId), cycle),
  };
}

/** The session with its cycles as a tree: branches under their parents, oldest first. */
export function sessionView(snapshot: SessionSnapshot): SessionView {
  const cycles = snapshot.orderedCycles();
  const ids = new Set(cycles.map((c) => c.cycle_id));
  const visited = new Set<string>();
  const build = (cycle: CycleRecord): CycleView => {
    visited.add(cycle.cycle_id);
    const children = cycles.filter((child) => child.parent_cycle_id === cycle.cycle_id && !visited.has(child.cycle_id));
    return { ...cycleView(snapshot, cycle.cycle_id), branches: children.map(build) };
  };
  const roots = cycles.filter((c) => !c.parent_cycle_id || !ids.has(c.parent_cycle_id));
  const { session_id, title, status, created_at, archived_at } = snapshot.session;
  return {
    session_id,
    title,
    status,
    created_at,
    archived_at,
    last_updated_at: snapshot.lastUpdatedAt(),
    cycle_count: cycles.length,
    cycles: roots.map(build),
    positions: snapshot.records.positions,
  };
}
