import type { EventOf } from '@choice-sherpa/events';
import type { AnalysisRecord, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from './read-model';

/*
 * One reducer per record kind: (current record or undefined, event) -> next record. A missing record (its creating
 * event was lost) is started from what the event itself says, so a gap never blocks later events.
 */

export type SessionEvent = EventOf<'session.created' | 'session.renamed' | 'session.archived'>;
export type CycleEvent = EventOf<'cycle.created' | 'cycle.branched' | 'cycle.completed' | 'cycle.archived'>;
export type ComponentEvent = EventOf<'component.started' | 'component.completed' | 'component.marked_for_revision' | 'component.output_updated'>;
export type ConversationEvent = EventOf<'conversation.started' | 'conversation.message_sent' | 'conversation.data_extracted'>;
export type AnalysisEvent = EventOf<'analysis.pugh_computed' | 'analysis.dq_computed'>;

export function reduceSession(current: SessionRecord | undefined, event: SessionEvent): SessionRecord {
  const base: SessionRecord = current ?? {
    session_id: event.payload.session_id,
    // only the owner changes a session, so the acting user stands in when session.created was lost
    user_id: event.metadata.user_id,
    title: null,
    status: 'active',
    created_at: null,
    archived_at: null,
    updated_at: event.occurred_at,
  };
  const next = { ...base, updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'session.created':
      return { ...next, user_id: event.payload.user_id, title: event.payload.title, created_at: event.payload.created_at };
    case 'session.renamed':
      return { ...next, title: event.payload.new_title };
    case 'session.archived':
      return { ...next, status: 'archived', archived_at: event.payload.archived_at };
  }
}

export function reduceCycle(current: CycleRecord | undefined, event: CycleEvent): CycleRecord {
  const base: CycleRecord = current ?? {
    cycle_id: event.payload.cycle_id,
    session_id: event.payload.session_id,
    parent_cycle_id: null,
    branch_point: null,
    status: 'active',
    created_at: null,
    branched_at: null,
    completed_at: null,
    archived_at: null,
    dq_score: null,
    updated_at: event.occurred_at,
  };
  const next = { ...base, updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'cycle.created':
      return { ...next, parent_cycle_id: event.payload.parent_cycle_id ?? next.parent_cycle_id, created_at: event.payload.created_at };
    case 'cycle.branched':
      return {
        ...next,
        parent_cycle_id: event.payload.parent_cycle_id,
        branch_point: event.payload.branch_point_component,
        branched_at: event.payload.branched_at,
      };
    case 'cycle.completed':
      return { ...next, status: 'completed', completed_at: event.payload.completed_at, dq_score: event.payload.dq_score };
    case 'cycle.archived':
      return { ...next, status: 'archived', archived_at: event.payload.archived_at };
  }
}

export function reduceComponent(current: ComponentRecord | undefined, event: ComponentEvent): ComponentRecord {
  const { payload } = event;
  const base: ComponentRecord = current ?? {
    cycle_id: payload.cycle_id,
    session_id: payload.session_id,
    component_type: payload.component_type,
    component_id: payload.component_id,
    status: 'not_started',
    output: null,
    output_summary: null,
    revision_reason: null,
    started_at: null,
    completed_at: null,
    updated_at: event.occurred_at,
  };
  const next = { ...base, component_id: payload.component_id, updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'component.started':
      return { ...next, status: 'in_progress', started_at: event.payload.started_at, revision_reason: null };
    case 'component.completed':
      return { ...next, status: 'complete', output: event.payload.output, completed_at: event.payload.completed_at, revision_reason: null };
    case 'component.marked_for_revision':
      return { ...next, status: 'needs_revision', revision_reason: event.payload.reason };
    case 'component.output_updated':
      // output is only written to a started component; a lost component.started shows up as in_progress here
      return {
        ...next,
        status: next.status === 'not_started' ? 'in_progress' : next.status,
        output: event.payload.output,
        output_summary: event.payload.output_summary,
      };
  }
}

export function reduceConversation(current: ConversationRecord | undefined, event: ConversationEvent): ConversationRecord {
  const base: ConversationRecord = current ?? {
    conversation_id: event.payload.conversation_id,
    session_id: event.payload.session_id,
    cycle_id: null,
    component_type: null,
    component_id: null,
    message_count: 0,
    last_message_at: null,
    extraction_summary: null,
    extracted_at: null,
    started_at: null,
    updated_at: event.occurred_at,
  };
  const next = { ...base, updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'conversation.started':
      return {
        ...next,
        cycle_id: event.payload.cycle_id,
        component_type: event.payload.component_type,
        component_id: event.payload.component_id,
        started_at: event.payload.started_at,
      };
    case 'conversation.message_sent':
      return { ...next, message_count: next.message_count + 1, last_message_at: event.payload.sent_at };
    case 'conversation.data_extracted':
      return {
        ...next,
        cycle_id: event.payload.cycle_id,
        component_type: event.payload.component_type,
        component_id: event.payload.component_id,
        extraction_summary: event.payload.extraction_summary,
        extracted_at: event.payload.extracted_at,
      };
  }
}

export function reduceAnalysis(current: AnalysisRecord | undefined, event: AnalysisEvent): AnalysisRecord {
  const base: AnalysisRecord = current ?? {
    cycle_id: event.payload.cycle_id,
    session_id: event.payload.session_id,
    pugh: null,
    dq: null,
    updated_at: event.occurred_at,
  };
  const next = { ...base, updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'analysis.pugh_computed': {
      const { scores, dominated_alternatives, irrelevant_objectives, computed_at } = event.payload;
      const dominated = dominated_alternatives.map(({ alternative_id, dominated_by_id, objective_ids }) => ({ alternative_id, dominated_by_id, objective_ids }));
      return { ...next, pugh: { scores, dominated_alternatives: dominated, irrelevant_objectives, computed_at } };
    }
    case 'analysis.dq_computed': {
      const { element_scores, overall_score, computed_at } = event.payload;
      return { ...next, dq: { element_scores: element_scores.map(({ name, score }) => ({ name, score })), overall_score, computed_at } };
    }
  }
}
