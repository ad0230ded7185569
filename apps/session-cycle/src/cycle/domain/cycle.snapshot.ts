import type { ComponentStatus } from './component-status';
import type { ComponentType } from './component-type';
import type { CycleStatus } from './cycle-status';
import type { ComponentOutput } from '@choice-sherpa/events/outputs';

/**
 * Plain state for persistence: `Cycle.toSnapshot()` gives it, `Cycle.fromSnapshot()` rebuilds the aggregate from it
 * without raising events. Field names follow the table columns (snake_case); component times are RFC 3339 strings
 * because components live in one jsonb column.
 */
export interface ComponentSnapshot {
  id: string;
  component_type: ComponentType;
  status: ComponentStatus;
  output: ComponentOutput | null;
  revision_reason: string | null;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string | null;
}

export interface CycleSnapshot {
  id: string;
  session_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  /** The nine components, in COMPONENT_TYPES order. */
  components: ComponentSnapshot[];
  version: number;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  archived_at: Date | null;
}
