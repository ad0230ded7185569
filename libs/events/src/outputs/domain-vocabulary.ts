/** The nine components in their order (DOMAIN.md "Components"); the wire names travel in events. */
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

/** A component's status in its cycle (DOMAIN.md "Components"). */
export const COMPONENT_STATUSES = ['not_started', 'in_progress', 'complete', 'needs_revision'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** Ordered from lowest to highest: an upgrade must move right. */
export const MEMBERSHIP_TIERS = ['free', 'monthly', 'annual'] as const;
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];

export function isComponentType(value: unknown): value is ComponentType {
  return typeof value === 'string' && (COMPONENT_TYPES as readonly string[]).includes(value);
}
