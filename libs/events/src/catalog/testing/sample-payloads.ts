import { SAMPLE_OUTPUTS } from '../../outputs/testing/sample-outputs';
import type { EventPayloadMap } from '../event-registry';
import type { EventType } from '../event-types';

/** Fixed, valid sample values for tests (other services' tests build events quickly with them). */
export const SAMPLE_IDS = {
  session: '0192f0a0-0000-7000-8000-000000000001',
  cycle: '0192f0a0-0000-7000-8000-000000000002',
  parentCycle: '0192f0a0-0000-7000-8000-000000000003',
  component: '0192f0a0-0000-7000-8000-000000000004',
  conversation: '0192f0a0-0000-7000-8000-000000000005',
  message: '0192f0a0-0000-7000-8000-000000000006',
  membership: '0192f0a0-0000-7000-8000-000000000007',
  user: 'user-sample-1',
} as const;

const AT = '2026-01-02T03:04:05.678Z';
const ids = SAMPLE_IDS;
const component = { cycle_id: ids.cycle, session_id: ids.session, component_id: ids.component } as const;
const member = { membership_id: ids.membership, user_id: ids.user, email: 'sample@example.com' } as const;

const SAMPLES: { [K in EventType]: () => EventPayloadMap[K] } = {
  'session.created': () => ({ session_id: ids.session, user_id: ids.user, title: 'Which job offer?', created_at: AT }),
  'session.archived': () => ({ session_id: ids.session, archived_at: AT }),
  'session.renamed': () => ({ session_id: ids.session, old_title: 'Job', new_title: 'Which job offer?' }),
  'cycle.created': () => ({ cycle_id: ids.cycle, session_id: ids.session, parent_cycle_id: null, created_at: AT }),
  'cycle.branched': () => ({
    cycle_id: ids.cycle,
    session_id: ids.session,
    parent_cycle_id: ids.parentCycle,
    branch_point_component: 'alternatives',
    branched_at: AT,
  }),
  'cycle.archived': () => ({ cycle_id: ids.cycle, session_id: ids.session, archived_at: AT }),
  'cycle.completed': () => ({ cycle_id: ids.cycle, session_id: ids.session, dq_score: 82, completed_at: AT }),
  'component.started': () => ({ ...component, component_type: 'issue_raising', started_at: AT }),
  'component.completed': () => ({
    ...component,
    component_type: 'consequences',
    output: SAMPLE_OUTPUTS.consequences,
    completed_at: AT,
  }),
  'component.marked_for_revision': () => ({ ...component, component_type: 'objectives', reason: 'Missed an objective', marked_at: AT }),
  'component.output_updated': () => ({
    ...component,
    component_type: 'objectives',
    output: { fundamental_objectives: [{ id: 'o1', description: 'Pay' }], means_objectives: [] },
    output_summary: '1 fundamental objective',
    updated_at: AT,
  }),
  'conversation.started': () => ({
    conversation_id: ids.conversation,
    ...component,
    component_type: 'issue_raising',
    started_at: AT,
  }),
  'conversation.message_sent': () => ({
    conversation_id: ids.conversation,
    session_id: ids.session,
    message_id: ids.message,
    role: 'user',
    content_preview: 'I have two offers',
    sent_at: AT,
  }),
  'conversation.data_extracted': () => ({
    conversation_id: ids.conversation,
    ...component,
    component_type: 'alternatives',
    output: { alternatives: [{ id: 'a1', name: 'Stay', assumptions: [] }], status_quo_id: 'a1' },
    extraction_summary: '1 alternative',
    extracted_at: AT,
  }),
  'membership.created': () => ({ ...member, tier: 'free' }),
  'membership.upgraded': () => ({ ...member, old_tier: 'free', new_tier: 'monthly' }),
  'membership.cancelled': () => ({ ...member, cancelled_at: AT, reason: null }),
  'analysis.pugh_computed': () => ({
    cycle_id: ids.cycle,
    session_id: ids.session,
    scores: { a1: 3, a2: -1 },
    dominated_alternatives: [{ alternative_id: 'a2', dominated_by_id: 'a1', objective_ids: ['o1'] }],
    irrelevant_objectives: ['o2'],
    computed_at: AT,
    ranks: { a1: 1, a2: 2 },
    best_alternative_id: 'a1',
  }),
  'analysis.dq_computed': () => ({
    cycle_id: ids.cycle,
    session_id: ids.session,
    element_scores: [
      { name: 'Helpful Problem Frame', score: 85, improvement_priority: 'low' },
      { name: 'Clear Objectives', score: 70, improvement_priority: 'medium' },
    ],
    overall_score: 70,
    computed_at: AT,
    acceptable: false,
  }),
};

/** A fresh valid payload for `type`; pass overrides to vary a field. */
export function samplePayload<T extends EventType>(type: T, overrides: Partial<EventPayloadMap[T]> = {}): EventPayloadMap[T] {
  return { ...SAMPLES[type](), ...overrides };
}

/** The aggregate id a sample event of `type` belongs to. */
export function sampleAggregateId(type: EventType): string {
  if (type.startsWith('session.')) return ids.session;
  if (type.startsWith('conversation.')) return ids.conversation;
  if (type.startsWith('membership.')) return ids.membership;
  return ids.cycle;
}
