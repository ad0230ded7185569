import type { ComponentOutput } from '../domain/outputs';
import type {
  ComponentStatus,
  ComponentType,
  CycleStatus,
  MembershipStatus,
  MembershipTier,
  MessageRole,
  SessionStatus,
} from '../domain/vocabulary';

// session-cycle (API.md "session-cycle")

export interface Session {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  status: SessionStatus;
  cycle_ids: string[];
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface Progress {
  completed: number;
  required: number;
  percent: number;
}

export interface CycleComponent {
  id: string;
  component_type: ComponentType;
  status: ComponentStatus;
  output: Record<string, unknown> | null;
  revision_reason: string | null;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string | null;
}

export interface Cycle {
  id: string;
  session_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  progress: Progress;
  dq_score: number | null;
  components: CycleComponent[];
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  archived_at: string | null;
}

export interface Membership {
  id: string;
  user_id: string;
  email: string;
  tier: MembershipTier;
  status: MembershipStatus;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export interface MyMembership {
  membership: Membership | null;
  effective_tier: MembershipTier;
  /** null = unlimited */
  limits: { active_sessions: number | null; cycles_per_session: number | null; ai_messages_per_day: number | null; decision_quality: boolean };
}

// conversation (API.md "conversation")

export type ConversationState = 'ready' | 'in_progress' | 'confirmed' | 'complete';
export type ConversationPhase = 'intro' | 'gather' | 'clarify' | 'extract' | 'confirm';

export interface Message {
  id: string;
  role: MessageRole;
  content: string;
  created_at: string;
}

export interface Conversation {
  id: string;
  session_id: string;
  cycle_id: string;
  component_id: string;
  component_type: ComponentType;
  state: ConversationState;
  phase: ConversationPhase;
  inherited_from: string | null;
  messages: Message[];
  extracted_output: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export type Extraction =
  | { status: 'extracted'; output: Record<string, unknown> }
  | { status: 'invalid'; problems: Array<{ field: string; message: string }> };

export interface MessageResult {
  user_message: Message;
  assistant_message: Message;
  extraction: Extraction | null;
  conversation: { state: ConversationState; phase: ConversationPhase };
}

// dashboard-projector (API.md "dashboard-projector", apps/dashboard-projector/README.md)

/** How far a view has applied one aggregate's events (the projector's rule: an event at or below it is in the view). */
export interface SequencePosition {
  source: 'session-cycle' | 'conversation' | 'analysis-worker';
  aggregate_key: string;
  sequence: number;
}

export interface ComponentStatusView {
  component_type: ComponentType;
  status: ComponentStatus;
  message_count: number;
  last_message_at: string | null;
  inherited_from: string | null;
}

export interface PughView {
  scores: Array<{ alternative_id: string; score: number; rank: number }>;
  best_alternative_id: string | null;
  dominated_alternatives: Array<{ alternative_id: string; dominated_by_id: string; objective_ids: string[] }>;
  irrelevant_objectives: string[];
  computed_at: string;
}

export interface DqView {
  elements: Array<{ name: string; score: number }>;
  overall_score: number;
  acceptable: boolean | null;
  computed_at: string | null;
}

export interface CycleView {
  cycle_id: string;
  parent_cycle_id: string | null;
  branch_point: ComponentType | null;
  status: CycleStatus;
  created_at: string | null;
  branched_at: string | null;
  completed_at: string | null;
  archived_at: string | null;
  progress: Progress;
  components: ComponentStatusView[];
  pugh: PughView | null;
  dq: DqView | null;
  branches: CycleView[];
}

export interface SessionView {
  session_id: string;
  title: string | null;
  status: SessionStatus;
  created_at: string | null;
  archived_at: string | null;
  last_updated_at: string;
  cycle_count: number;
  cycles: CycleView[];
  positions: SequencePosition[];
}

export interface ConversationSummary {
  conversation_id: string;
  message_count: number;
  last_message_at: string | null;
  extraction_summary: string | null;
  extracted_at: string | null;
}

export interface ComponentDetail<T extends ComponentType = ComponentType> {
  cycle_id: string;
  session_id: string;
  cycle_status: CycleStatus;
  component_type: T;
  component_id: string | null;
  status: ComponentStatus;
  output: ComponentOutput<T> | null;
  output_summary: string | null;
  revision_reason: string | null;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string | null;
  inherited_from: string | null;
  message_count: number;
  last_message_at: string | null;
  conversation: ConversationSummary | null;
  can_branch: boolean;
  can_revise: boolean;
  previous: ComponentType | null;
  next: ComponentType | null;
  positions: SequencePosition[];
}

export interface OverviewEntry {
  session_id: string;
  title: string | null;
  status: SessionStatus;
  created_at: string | null;
  last_updated_at: string;
  cycle_count: number;
  current_cycle_id: string | null;
  progress: Progress | null;
  latest_scores: { pugh_best_alternative_id: string | null; pugh_computed_at: string | null; dq_score: number | null; dq_computed_at: string | null };
  positions: SequencePosition[];
}

export interface Overview {
  sessions: OverviewEntry[];
}

export interface CycleComparison {
  cycles: Array<{ cycle_id: string; session_id: string; parent_cycle_id: string | null; branch_point: ComponentType | null; status: CycleStatus; progress: Progress }>;
  components: Array<{
    component_type: ComponentType;
    differs: boolean;
    cycles: Array<{ cycle_id: string; status: ComponentStatus; output_summary: string | null }>;
  }>;
}

// notifier

export interface NotificationPreferences {
  cycle_summaries: boolean;
}
