import { isComponentStatus } from './component-status';
import { COMPONENT_TYPES } from './component-type';
import type { CycleSnapshot } from './cycle.snapshot';
import { isCycleStatus } from './cycle-status';

/** A stored cycle that does not have the nine components in order is corrupt: fail loudly rather than guess. */
export function assertValidCycleSnapshot(snapshot: CycleSnapshot): void {
  const problems: string[] = [];
  if (!isCycleStatus(snapshot.status)) problems.push(`status ${String(snapshot.status)}`);
  if (!Array.isArray(snapshot.components) || snapshot.components.length !== COMPONENT_TYPES.length) {
    problems.push('components must hold the nine components');
  } else {
    snapshot.components.forEach((component, index) => {
      if (component.component_type !== COMPONENT_TYPES[index]) problems.push(`components[${index}] is ${String(component.component_type)}`);
      if (!isComponentStatus(component.status)) problems.push(`components[${index}].status ${String(component.status)}`);
    });
  }
  if (problems.length) throw new Error(`corrupt cycle snapshot ${snapshot.id}: ${problems.join('; ')}`);
}
