import type { ComponentType, MembershipTier, MessageRole } from '../domain/vocabulary';

/*
 * The payload of every event type of EVENTS.md, as the browser receives it in `data`. Typed by hand so that this
 * package depends on no server code; event-catalog.spec.ts checks them against libs/events' catalog, both the
 * types (a catalog payload must be assignable to these) and the field names (the same set, no more, no fewer).
 */
type ComponentFields = { cycle_id: string; session_id: string; component_id: string; component_type: ComponentType };
type MemberFields = { membership_id: string; user_id: string; email: string };

export type EventPayloads = {
  'session.created': { session_id: string; user_id: string; title: string; created_at: string };
  'session.archived': { session_id: string; archived_at: string };
  'session.renamed': { session_id: string; old_title: string; new_title: string };
  'cycle.created': { cycle_id: string; session_id: string; parent_cycle_id: string | null; created_at: string };
  'cycle.branched': {
    cycle_id: string;
    session_id: string;
    parent_cycle_id: string;
    branch_point_component: ComponentType;
    branched_at: string;
    /** Added after v1: the components the branch copied (before the branch point and the point itself), with their ids and statuses in the new cycle. */
    copied_components?: Array<{
      component_type: ComponentType;
      component_id: string;
      status: 'not_started' | 'in_progress' | 'complete' | 'needs_revision';
      /** The output of a component copied complete (producers since the branch analysis; absent from older events). */
      output?: Record<string, unknown>;
    }>;
  };
  'cycle.archived': { cycle_id: string; session_id: string; archived_at: string };
  'cycle.completed': { cycle_id: string; session_id: string; dq_score: number | null; completed_at: string };
  'component.started': ComponentFields & { started_at: string };
  'component.completed': ComponentFields & { output: Record<string, unknown>; completed_at: string };
  'component.marked_for_revision': ComponentFields & { reason: string; marked_at: string };
  'component.output_updated': ComponentFields & { output: Record<string, unknown>; output_summary: string; updated_at: string };
  'conversation.started': {
    conversation_id: string;
    session_id: string;
    cycle_id: string;
    component_id: string;
    component_type: ComponentType;
    started_at: string;
  };
  'conversation.message_sent': {
    conversation_id: string;
    session_id: string;
    message_id: string;
    role: MessageRole;
    content_preview: string;
    sent_at: string;
  };
  'conversation.data_extracted': {
    conversation_id: string;
    session_id: string;
    cycle_id: string;
    component_id: string;
    component_type: ComponentType;
    output: Record<string, unknown>;
    extraction_summary: string;
    extracted_at: string;
  };
  'membership.created': MemberFields & { tier: MembershipTier };
  'membership.upgraded': MemberFields & { old_tier: MembershipTier; new_tier: MembershipTier };
  'membership.cancelled': MemberFields & { cancelled_at: string; reason: string | null };
  'analysis.pugh_computed': {
    cycle_id: string;
    session_id: string;
    scores: Record<string, number>;
    dominated_alternatives: Array<{ alternative_id: string; dominated_by_id: string; objective_ids: string[] }>;
    irrelevant_objectives: string[];
    computed_at: string;
    /** added after v1: absent from older events */
    ranks?: Record<string, number>;
    best_alternative_id?: string | null;
  };
  'analysis.dq_computed': {
    cycle_id: string;
    session_id: string;
    element_scores: Array<{ name: string; score: number; improvement_priority?: 'critical' | 'high' | 'medium' | 'low' }>;
    overall_score: number;
    computed_at: string;
    /** added after v1: absent from older events */
    acceptable?: boolean;
  };
};

export type EventType = keyof EventPayloads;

/** The aggregate an event belongs to and the id field of its payload that names it. */
export type AggregateType = 'session' | 'cycle' | 'conversation' | 'membership';

export interface EventSpec {
  aggregate_type: AggregateType;
  /** the payload field that holds the aggregate id */
  aggregate_field: string;
  /** the producing service: sequences count per (producer, aggregate) */
  source: 'session-cycle' | 'conversation' | 'analysis-worker';
  /** the required payload fields (guards check that these are present) */
  fields: readonly string[];
  /** fields added after v1, absent from older events */
  optional?: readonly string[];
}

const session = (fields: string[]): EventSpec => ({ aggregate_type: 'session', aggregate_field: 'session_id', source: 'session-cycle', fields });
const cycle = (fields: string[]): EventSpec => ({ aggregate_type: 'cycle', aggregate_field: 'cycle_id', source: 'session-cycle', fields });
const component = (fields: string[]) => cycle(['cycle_id', 'session_id', 'component_id', 'component_type', ...fields]);
const conversation = (fields: string[]): EventSpec => ({ aggregate_type: 'conversation', aggregate_field: 'conversation_id', source: 'conversation', fields });
const membership = (fields: string[]): EventSpec => ({
  aggregate_type: 'membership',
  aggregate_field: 'membership_id',
  source: 'session-cycle',
  fields: ['membership_id', 'user_id', 'email', ...fields],
});
const analysis = (fields: string[]): EventSpec => ({ aggregate_type: 'cycle', aggregate_field: 'cycle_id', source: 'analysis-worker', fields: ['cycle_id', 'session_id', ...fields] });

/** The registry: one entry per event type, so a type missing here fails to compile (and the catalog test). */
export const EVENT_SPECS: { readonly [K in EventType]: EventSpec } = {
  'session.created': session(['session_id', 'user_id', 'title', 'created_at']),
  'session.archived': session(['session_id', 'archived_at']),
  'session.renamed': session(['session_id', 'old_title', 'new_title']),
  'cycle.created': cycle(['cycle_id', 'session_id', 'parent_cycle_id', 'created_at']),
  'cycle.branched': { ...cycle(['cycle_id', 'session_id', 'parent_cycle_id', 'branch_point_component', 'branched_at']), optional: ['copied_components'] },
  'cycle.archived': cycle(['cycle_id', 'session_id', 'archived_at']),
  'cycle.completed': cycle(['cycle_id', 'session_id', 'dq_score', 'completed_at']),
  'component.started': component(['started_at']),
  'component.completed': component(['output', 'completed_at']),
  'component.marked_for_revision': component(['reason', 'marked_at']),
  'component.output_updated': component(['output', 'output_summary', 'updated_at']),
  'conversation.started': conversation(['conversation_id', 'session_id', 'cycle_id', 'component_id', 'component_type', 'started_at']),
  'conversation.message_sent': conversation(['conversation_id', 'session_id', 'message_id', 'role', 'content_preview', 'sent_at']),
  'conversation.data_extracted': conversation([
    'conversation_id',
    'session_id',
    'cycle_id',
    'component_id',
    'component_type',
    'output',
    'extraction_summary',
    'extracted_at',
  ]),
  'membership.created': membership(['tier']),
  'membership.upgraded': membership(['old_tier', 'new_tier']),
  'membership.cancelled': membership(['cancelled_at', 'reason']),
  'analysis.pugh_computed': { ...analysis(['scores', 'dominated_alternatives', 'irrelevant_objectives', 'computed_at']), optional: ['ranks', 'best_alternative_id'] },
  'analysis.dq_computed': { ...analysis(['element_scores', 'overall_score', 'computed_at']), optional: ['acceptable'] },
};

export const EVENT_TYPES = Object.keys(EVENT_SPECS) as EventType[];
