import type { AnyEvent } from '@choice-sherpa/events';
import { reduceAnalysis, reduceComponent, reduceConversation, reduceCycle, reduceSession } from './record-reducers';
import type { ReadModelStore, SequenceGap } from './read-model.store';
import { aggregateKey, decideSequence, sequenceSourceOf } from './sequence-position';

export type ProjectionOutcome =
  | { kind: 'applied' }
  | { kind: 'applied_after_gap'; gap: SequenceGap }
  | { kind: 'stale'; last: number }
  | { kind: 'not_projected' };

/** Events the dashboard projects (membership.* is not shown on the dashboard). */
export const PROJECTED_EVENT_TYPES = [
  'session.created',
  'session.renamed',
  'session.archived',
  'cycle.created',
  'cycle.branched',
  'cycle.completed',
  'cycle.archived',
  'component.started',
  'component.completed',
  'component.marked_for_revision',
  'component.output_updated',
  'conversation.started',
  'conversation.message_sent',
  'conversation.data_extracted',
  'analysis.pugh_computed',
  'analysis.dq_computed',
] as const;

/** Applies one event to the read model, in per-(producer, aggregate) sequence order, ignoring stale ones. */
export async function projectEvent(store: ReadModelStore, event: AnyEvent): Promise<ProjectionOutcome> {
  const source = sequenceSourceOf(event.event_type);
  if (!source || !(PROJECTED_EVENT_TYPES as readonly string[]).includes(event.event_type)) return { kind: 'not_projected' };
  const key = aggregateKey(event.aggregate_type, event.aggregate_id);
  const decision = decideSequence(await store.lastSequence(source, key), event.sequence);
  if (decision.kind === 'stale') return { kind: 'stale', last: decision.last };

  await applyToRecords(store, event);
  await store.saveSequence(source, key, event.sequence);
  if (decision.kind === 'next') return { kind: 'applied' };
  const gap: SequenceGap = {
    source,
    aggregate_key: key,
    expected: decision.expected,
    received: event.sequence,
    event_id: event.event_id,
    event_type: event.event_type,
  };
  await store.recordGap(gap);
  return { kind: 'applied_after_gap', gap };
}

async function applyToRecords(store: ReadModelStore, event: AnyEvent): Promise<void> {
  switch (event.event_type) {
    case 'session.created':
    case 'session.renamed':
    case 'session.archived':
      return store.saveSession(reduceSession(await store.session(event.payload.session_id), event));
    case 'cycle.created':
    case 'cycle.branched':
    case 'cycle.completed':
    case 'cycle.archived':
      return store.saveCycle(reduceCycle(await store.cycle(event.payload.cycle_id), event));
    case 'component.started':
    case 'component.completed':
    case 'component.marked_for_revision':
    case 'component.output_updated': {
      const record = reduceComponent(await store.component(event.payload.cycle_id, event.payload.component_type), event);
      return store.saveComponent(record, { sequence: event.sequence, occurred_at: event.occurred_at, record });
    }
    case 'conversation.started':
    case 'conversation.message_sent':
    case 'conversation.data_extracted':
      return store.saveConversation(reduceConversation(await store.conversation(event.payload.conversation_id), event));
    case 'analysis.pugh_computed':
    case 'analysis.dq_computed':
      return store.saveAnalysis(reduceAnalysis(await store.analysis(event.payload.cycle_id), event));
  }
}
