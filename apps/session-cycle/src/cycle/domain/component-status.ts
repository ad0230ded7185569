/** DOMAIN.md: not_started -> in_progress -> complete; in_progress|complete -> needs_revision; needs_revision -> in_progress|complete. */
export const COMPONENT_STATUSES = ['not_started', 'in_progress', 'complete', 'needs_revision'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_TRANSITIONS: Readonly<Record<ComponentStatus, readonly ComponentStatus[]>> = {
  not_started: ['in_progress'],
  in_progress: ['complete', 'needs_revision'],
  complete: ['needs_revision'],
  needs_revision: ['in_progress', 'complete'],
};

export function canTransition(from: ComponentStatus, to: ComponentStatus): boolean {
  return COMPONENT_TRANSITIONS[from].includes(to);
}

export function isComponentStatus(value: unknown): value is ComponentStatus {
  return typeof value === 'string' && (COMPONENT_STATUSES as readonly string[]).includes(value);
}

/** Started = anything but not_started. */
export function isStarted(status: ComponentStatus): boolean {
  return status !== 'not_started';
}

/** Output is written only while in_progress or needs_revision. */
export function acceptsOutput(status: ComponentStatus): boolean {
  return status === 'in_progress' || status === 'needs_revision';
}
