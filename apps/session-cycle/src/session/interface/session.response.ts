import type { SessionEntity } from '../infrastructure/session.entity';

export interface SessionResponse {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  status: string;
  cycle_ids: string[];
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export function toSessionResponse(row: SessionEntity): SessionResponse {
  return {
    id: row.id,
    user_id: row.user_id,
    title: row.title,
    description: row.description,
    status: row.status,
    cycle_ids: row.cycle_ids,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    archived_at: row.archived_at?.toISOString() ?? null,
  };
}
