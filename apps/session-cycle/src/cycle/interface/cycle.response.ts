import { REQUIRED_COMPONENTS } from '../domain/component-type';
import type { ComponentRow, CycleEntity } from '../infrastructure/cycle.entity';

export interface CycleResponse {
  id: string;
  session_id: string;
  parent_cycle_id: string | null;
  branch_point: string | null;
  status: string;
  progress: { completed: number; required: number; percent: number };
  dq_score: number | null;
  components: ComponentRow[];
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  archived_at: string | null;
}

export function toCycleResponse(row: CycleEntity, dqScore: number | null): CycleResponse {
  // notes_next_steps is optional: progress counts the eight required components (DOMAIN.md "Progress").
  const required = REQUIRED_COMPONENTS.length;
  const completed = row.components.filter((c) => c.status === 'complete' && REQUIRED_COMPONENTS.includes(c.component_type)).length;
  return {
    id: row.id,
    session_id: row.session_id,
    parent_cycle_id: row.parent_cycle_id,
    branch_point: row.branch_point,
    status: row.status,
    progress: { completed, required, percent: Math.floor((completed * 100) / required) },
    dq_score: dqScore,
    components: row.components,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    completed_at: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    archived_at: row.archived_at ? new Date(row.archived_at).toISOString() : null,
  };
}
