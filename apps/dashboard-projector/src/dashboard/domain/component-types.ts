import { COMPONENT_TYPES, ComponentType, isComponentType } from '@choice-sherpa/events/outputs/domain-vocabulary';

export { COMPONENT_TYPES, isComponentType };
export type { ComponentType };

export type ComponentStatus = 'not_started' | 'in_progress' | 'complete' | 'needs_revision';
export type CycleStatus = 'active' | 'completed' | 'archived';
export type SessionStatus = 'active' | 'archived';

/** notes_next_steps is optional (DOMAIN.md "Progress"); the other eight count. */
export const REQUIRED_COMPONENTS: readonly ComponentType[] = COMPONENT_TYPES.filter((type) => type !== 'notes_next_steps');

export function previousComponent(type: ComponentType): ComponentType | null {
  return COMPONENT_TYPES[COMPONENT_TYPES.indexOf(type) - 1] ?? null;
}

export function nextComponent(type: ComponentType): ComponentType | null {
  return COMPONENT_TYPES[COMPONENT_TYPES.indexOf(type) + 1] ?? null;
}

/** Later than `type` in the PrOACT order. */
export function isAfter(type: ComponentType, reference: ComponentType): boolean {
  return COMPONENT_TYPES.indexOf(type) > COMPONENT_TYPES.indexOf(reference);
}
