import { COMPONENT_TYPES, isComponentType, type ComponentType } from '@choice-sherpa/events/catalog';

/** The nine PrOACT components in order (DOMAIN.md "Components"); the wire names come from the event catalog. */
export { COMPONENT_TYPES, isComponentType, type ComponentType };

export const COMPONENT_DISPLAY_NAMES: Record<ComponentType, string> = {
  issue_raising: 'Issue Raising',
  problem_frame: 'Problem Frame',
  objectives: 'Objectives',
  alternatives: 'Alternatives',
  consequences: 'Consequences',
  tradeoffs: 'Tradeoffs',
  recommendation: 'Recommendation',
  decision_quality: 'Decision Quality',
  notes_next_steps: 'Notes & Next Steps',
};

/** notes_next_steps is optional: progress counts the other eight. */
export const REQUIRED_COMPONENTS: readonly ComponentType[] = COMPONENT_TYPES.filter((type) => type !== 'notes_next_steps');

export function componentIndex(type: ComponentType): number {
  return COMPONENT_TYPES.indexOf(type);
}

/** The component before `type`, or null for issue_raising. */
export function previousComponent(type: ComponentType): ComponentType | null {
  const index = componentIndex(type);
  return index > 0 ? COMPONENT_TYPES[index - 1] : null;
}

export function nextComponent(type: ComponentType): ComponentType | null {
  const index = componentIndex(type);
  return index < COMPONENT_TYPES.length - 1 ? COMPONENT_TYPES[index + 1] : null;
}
