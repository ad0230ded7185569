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
 * Whether a branch starts with its parent's alternatives: the copied components when the event lists them, else
 * DOMAIN.md's rule (the components before the branch point and the branch point itself are copied).
 */
export function branchInheritsAlternatives(branch: { branch_point_component: ComponentType; copied_components?: { component_type: ComponentType }[] }): boolean {
  if (branch.copied_components) return branch.copied_components.some((copied) => copied.component_type === 'alternatives');
  return COMPONENT_TYPES.indexOf(branch.branch_point_component) >= COMPONENT_TYPES.indexOf('alternatives');
}
