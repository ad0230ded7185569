import type { ComponentStatus, ComponentType, CycleStatus, SessionStatus } from './component-types';

/**
 * The stored read-model records. Each record is written only by the events of one aggregate (and one producer),
 * so partitions consumed in parallel never contend for a row; views join them at query time.
 * Every time is copied from an event, never the clock, so a rebuild reproduces the records exactly.
 */
export interface SessionRecord {
  session_id: string;
  /** null only when session.created was lost and no event named the acting user */
  user_id: string | null;
  title: string | null;
  status: SessionStatus;
  created_at: string | null;
  archived_at: string | null;
  updated_at: string;
}

export interface CycleRecord {
  cycle_id: string;
  session_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  created_at: string | null;
  branched_at: string | null;
  completed_at: string | null;
  archived_at: string | null;
  /** from cycle.completed */
  dq_score: number | null;
  updated_at: string;
}

export interface ComponentRecord {
  cycle_id: string;
  session_id: string;
  component_type: ComponentType;
  component_id: string | null;
  status: ComponentStatus;
  output: Record<string, unknown> | null;
  output_summary: string | null;
  revision_reason: string | null;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
}

/** A component's state after one of its cycle's events: what a branch copies "as it was" at its branch time. */
export interface ComponentHistoryEntry {
  sequence: number;
  occurred_at: string;
  record: ComponentRecord;
}

export interface ConversationRecord {
  conversation_id: string;
  session_id: string;
  cycle_id: string | null;
  component_type: ComponentType | null;
  component_id: string | null;
  message_count: number;
  last_message_at: string | null;
  extraction_summary: string | null;
  extracted_at: string | null;
  started_at: string | null;
  updated_at: string;
}

export interface PughResult {
  scores: Record<string, number>;
  dominated_alternatives: Array<{ alternative_id: string; dominated_by_id: string; objective_ids: string[] }>;
  irrelevant_objectives: string[];
  computed_at: string;
}

export interface DqResult {
  element_scores: Array<{ name: string; score: number }>;
  overall_score: number;
  computed_at: string;
}

export interface AnalysisRecord {
  cycle_id: string;
  session_id: string;
  pugh: PughResult | null;
  dq: DqResult | null;
  updated_at: string;
}
