import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';

/** alternative id -> name, from an alternatives output (`alternatives[{id, name}]`); anything else is ignored. */
export function alternativeNames(output: unknown): Record<string, string> {
  const list = (output as { alternatives?: unknown } | null)?.alternatives;
  if (!Array.isArray(list)) return {};
  const names: Record<string, string> = {};
  for (const item of list) {
    const { id, name } = (item ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && typeof name === 'string' && name.trim() !== '') names[id] = name;
  }
  return names;
}

/**
 * A branch copies the components before its branch point, and the branch point itself (DOMAIN.md "Cycles"); so a
 * branch made at alternatives or later starts with its parent's alternatives, one made earlier starts them afresh.
 */
export function branchInheritsAlternatives(branchPoint: ComponentType): boolean {
  return COMPONENT_TYPES.indexOf(branchPoint) >= COMPONENT_TYPES.indexOf('alternatives');
}
