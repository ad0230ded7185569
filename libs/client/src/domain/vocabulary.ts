/** DOMAIN.md's vocabulary as the browser needs it: wire names, display names, statuses, tiers. */
export const COMPONENT_TYPES = [
  'issue_raising',
  'problem_frame',
  'objectives',
  'alternatives',
  'consequences',
  'tradeoffs',
  'recommendation',
  'decision_quality',
  'notes_next_steps',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const COMPONENT_LABELS: Readonly<Record<ComponentType, string>> = {
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

/** notes_next_steps is optional: progress counts the other eight (DOMAIN.md "Progress"). */
export const REQUIRED_COMPONENTS: readonly ComponentType[] = COMPONENT_TYPES.filter((type) => type !== 'notes_next_steps');

export type ComponentStatus = 'not_started' | 'in_progress' | 'complete' | 'needs_revision';
export type CycleStatus = 'active' | 'completed' | 'archived';
export type SessionStatus = 'active' | 'archived';

export const MEMBERSHIP_TIERS = ['free', 'monthly', 'annual'] as const;
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];
export type MembershipStatus = 'pending' | 'active' | 'past_due' | 'cancelled' | 'expired';

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const DQ_ELEMENTS = [
  'Helpful Problem Frame',
  'Clear Objectives',
  'Creative Alternatives',
  'Reliable Consequence Information',
  'Logically Correct Reasoning',
  'Clear Tradeoffs',
  'Commitment to Follow Through',
] as const;

export function isComponentType(value: unknown): value is ComponentType {
  return typeof value === 'string' && (COMPONENT_TYPES as readonly string[]).includes(value);
}

export function previousComponent(type: ComponentType): ComponentType | null {
  return COMPONENT_TYPES[COMPONENT_TYPES.indexOf(type) - 1] ?? null;
}

export function isAfter(type: ComponentType, reference: ComponentType): boolean {
  return COMPONENT_TYPES.indexOf(type) > COMPONENT_TYPES.indexOf(reference);
}

export function progressOf(components: ReadonlyArray<{ component_type: ComponentType; status: ComponentStatus }>) {
  const completed = components.filter((c) => c.status === 'complete' && REQUIRED_COMPONENTS.includes(c.component_type)).length;
  const required = REQUIRED_COMPONENTS.length;
  return { completed, required, percent: Math.floor((completed * 100) / required) };
}
