import { COMPONENT_TYPES, ComponentStatus, ComponentType, CycleStatus } from './component-types';
import type { Progress } from './progress';
import type { SessionSnapshot } from './session-records';
import { cycleView } from './session-view';

export interface ComparedCycle {
  cycle_id: string;
  session_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  progress: Progress;
}

export interface ComparedComponent {
  component_type: ComponentType;
  /** status or output differ between at least two of the cycles */
  differs: boolean;
  cycles: Array<{ cycle_id: string; status: ComponentStatus; output_summary: string | null }>;
}

export interface CycleComparison {
  cycles: ComparedCycle[];
  components: ComparedComponent[];
}

/** Cycles side by side, in the order asked; `only` limits the components listed. */
export function compareCycles(
  cycles: Array<{ snapshot: SessionSnapshot; cycleId: string }>,
  only: readonly ComponentType[] = COMPONENT_TYPES,
): CycleComparison {
  const resolved = cycles.map(({ snapshot, cycleId }) => ({
    cycleId,
    snapshot,
    cycle: snapshot.cycle(cycleId),
    components: snapshot.resolver.componentsOf(cycleId),
  }));
  return {
    cycles: resolved.map(({ snapshot, cycleId, cycle }) => {
      if (!cycle) throw new Error(`cycle ${cycleId} is not part of the snapshot`);
      const { session_id, parent_cycle_id, branch_point, status } = cycle;
      return { cycle_id: cycleId, session_id, parent_cycle_id, branch_point, status, progress: cycleView(snapshot, cycleId).progress };
    }),
    components: COMPONENT_TYPES.filter((type) => only.includes(type)).map((type) => {
      const states = resolved.map(({ cycleId, components }) => ({ cycleId, component: components.find((c) => c.component_type === type)! }));
      const signatures = new Set(states.map(({ component }) => `${component.status}|${canonicalJson(component.output)}`));
      return {
        component_type: type,
        differs: signatures.size > 1,
        cycles: states.map(({ cycleId, component }) => ({ cycle_id: cycleId, status: component.status, output_summary: component.output_summary })),
      };
    }),
  };
}

/** JSON with object keys sorted, so equal outputs compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
