import type { SessionView } from '../http/api-types';
import { ComponentStatus, ComponentType, CycleStatus, progressOf } from '../domain/vocabulary';
import type { CycleView } from '../http/api-types';

/** The optimistic changes of the store's commands: what the view will show once the command's event is applied. */

function mapCycles(cycles: CycleView[], cycleId: string, change: (cycle: CycleView) => CycleView): CycleView[] {
  return cycles.map((c) => (c.cycle_id === cycleId ? change(c) : { ...c, branches: mapCycles(c.branches, cycleId, change) }));
}

export function cycleStatus(cycleId: string, status: CycleStatus) {
  return (view: SessionView): SessionView => ({ ...view, cycles: mapCycles(view.cycles, cycleId, (c) => ({ ...c, status })) });
}

export function componentStatus(cycleId: string, type: ComponentType, status: ComponentStatus) {
  return (view: SessionView): SessionView => ({
    ...view,
    cycles: mapCycles(view.cycles, cycleId, (c) => {
      const components = c.components.map((component) => (component.component_type === type ? { ...component, status, inherited_from: null } : component));
      return { ...c, components, progress: progressOf(components) };
    }),
  });
}

/** Writing output starts a not-started component (as the projector shows a lost component.started). */
export function componentTouched(cycleId: string, type: ComponentType) {
  return (view: SessionView): SessionView => ({
    ...view,
    cycles: mapCycles(view.cycles, cycleId, (c) => ({
      ...c,
      components: c.components.map((component) =>
        component.component_type === type ? { ...component, status: component.status === 'not_started' ? 'in_progress' : component.status } : component,
      ),
    })),
  });
}
