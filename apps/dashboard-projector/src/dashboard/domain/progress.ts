import { ComponentStatus, ComponentType, REQUIRED_COMPONENTS } from './component-types';

export interface Progress {
  completed: number;
  required: number;
  percent: number;
}

/** DOMAIN.md: percent = floor(complete × 100 / 8); notes_next_steps is optional and does not count. */
export function progressOf(statuses: ReadonlyArray<{ component_type: ComponentType; status: ComponentStatus }>): Progress {
  const completed = statuses.filter((c) => c.status === 'complete' && REQUIRED_COMPONENTS.includes(c.component_type)).length;
  const required = REQUIRED_COMPONENTS.length;
  return { completed, required, percent: Math.floor((completed * 100) / required) };
}
