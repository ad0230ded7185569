import type { SessionStatus } from './session-status';

/** Plain state for persistence (columns of the sessions table); `Session.fromSnapshot` raises no events. */
export interface SessionSnapshot {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  status: SessionStatus;
  /** In creation order, filled from cycle.created. */
  cycle_ids: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}
