/** DOMAIN.md: active -> completed | archived; completed -> archived. Only an active cycle changes. */
export const CYCLE_STATUSES = ['active', 'completed', 'archived'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const CYCLE_TRANSITIONS: Readonly<Record<CycleStatus, readonly CycleStatus[]>> = {
  active: ['completed', 'archived'],
  completed: ['archived'],
  archived: [],
};

export function isCycleStatus(value: unknown): value is CycleStatus {
  return typeof value === 'string' && (CYCLE_STATUSES as readonly string[]).includes(value);
}
