import { randomUUID } from 'node:crypto';
import type { AnyEvent } from '@choice-sherpa/events';
import { JourneyEvents } from '../../../test/support/journey-events';
import { InMemoryReadModelStore } from '../testing/in-memory-read-model.store';
import { projectEvent } from './project-event';

async function projectAll(store: InMemoryReadModelStore, events: AnyEvent[]) {
  const outcomes = [];
  for (const event of events) outcomes.push((await projectEvent(store, event)).kind);
  return outcomes;
}

describe('projecting events into the dashboard read model', () => {
  let store: InMemoryReadModelStore;
  let j: JourneyEvents;
  beforeEach(() => {
    store = new InMemoryReadModelStore();
    j = new JourneyEvents();
  });

  it('session.created records the owner, title and active status', async () => {
    const created = j.sessionCreated('user-a', 'Move abroad?');
    await projectEvent(store, created);
    expect(store.sessions.get(created.payload.session_id)).toMatchObject({ user_id: 'user-a', title: 'Move abroad?', status: 'active', created_at: created.payload.created_at });
  });

  it('session.renamed changes the title and session.archived the status', async () => {
    const { payload } = j.sessionCreated('user-a', 'Old');
    j.sessionRenamed(payload.session_id, 'Old', 'New');
    const archived = j.sessionArchived(payload.session_id);
    await projectAll(store, j.all);
    expect(store.sessions.get(payload.session_id)).toMatchObject({ title: 'New', status: 'archived', archived_at: archived.payload.archived_at, updated_at: archived.occurred_at });
  });

  it('cycle.created, cycle.completed and cycle.archived move the cycle through its states', async () => {
    const sessionId = randomUUID();
    const { payload } = j.cycleCreated(sessionId);
    await projectAll(store, j.all);
    expect(store.cycles.get(payload.cycle_id)).toMatchObject({ session_id: sessionId, status: 'active', parent_cycle_id: null });
    const completed = j.cycleCompleted(sessionId, payload.cycle_id, 84);
    await projectEvent(store, completed);
    expect(store.cycles.get(payload.cycle_id)).toMatchObject({ status: 'completed', dq_score: 84, completed_at: completed.payload.completed_at });
    await projectEvent(store, j.cycleArchived(sessionId, payload.cycle_id));
    expect(store.cycles.get(payload.cycle_id)?.status).toBe('archived');
  });

  it('cycle.branched records the parent and the branch point', async () => {
    const sessionId = randomUUID();
    const parent = j.cycleCreated(sessionId).payload.cycle_id;
    const branched = j.branch(sessionId, parent, 'alternatives');
    await projectAll(store, j.all);
    expect(store.cycles.get(branched.payload.cycle_id)).toMatchObject({ parent_cycle_id: parent, branch_point: 'alternatives', branched_at: branched.payload.branched_at });
  });

  it('component events set status, output, summary and revision reason', async () => {
    const sessionId = randomUUID();
    const cycleId = j.cycleCreated(sessionId).payload.cycle_id;
    j.componentStarted(sessionId, cycleId, 'objectives');
    j.componentOutput(sessionId, cycleId, 'objectives', { fundamental_objectives: [] }, '0 objectives');
    await projectAll(store, j.all);
    expect(store.components.get(`${cycleId}|objectives`)).toMatchObject({ status: 'in_progress', output: { fundamental_objectives: [] }, output_summary: '0 objectives' });
    await projectEvent(store, j.componentCompleted(sessionId, cycleId, 'objectives', { fundamental_objectives: [{ id: 'o1', description: 'Pay' }] }));
    expect(store.components.get(`${cycleId}|objectives`)).toMatchObject({ status: 'complete', output: { fundamental_objectives: [{ id: 'o1' }] } });
    await projectEvent(store, j.componentRevised(sessionId, cycleId, 'objectives', 'forgot cost'));
    expect(store.components.get(`${cycleId}|objectives`)).toMatchObject({ status: 'needs_revision', revision_reason: 'forgot cost' });
    expect(store.history.map((h) => h.record.status)).toEqual(['in_progress', 'in_progress', 'complete', 'needs_revision']);
  });

  it('conversation events attribute message counts and the extraction to their component', async () => {
    const sessionId = randomUUID();
    const cycleId = randomUUID();
    const conversationId = j.conversationStarted(sessionId, cycleId, 'issue_raising').payload.conversation_id;
    j.messageSent(sessionId, conversationId, 'assistant');
    const last = j.messageSent(sessionId, conversationId, 'user');
    j.dataExtracted(sessionId, cycleId, 'issue_raising', conversationId);
    await projectAll(store, j.all);
    expect(store.conversations.get(conversationId)).toMatchObject({
      cycle_id: cycleId,
      component_type: 'issue_raising',
      message_count: 2,
      last_message_at: last.payload.sent_at,
      extraction_summary: 'extracted',
    });
  });

  it('analysis events record Pugh and DQ results on the cycle, counted apart from session-cycle sequences', async () => {
    const sessionId = randomUUID();
    const cycleId = j.cycleCreated(sessionId).payload.cycle_id;
    const pugh = j.pughComputed(sessionId, cycleId, { a1: 2, a2: -1 });
    const dq = j.dqComputed(sessionId, cycleId, [{ name: 'Clear Objectives', score: 70 }]);
    expect([pugh.sequence, dq.sequence]).toEqual([1, 2]);
    expect(await projectAll(store, j.all)).toEqual(['applied', 'applied', 'applied']);
    expect(store.analyses.get(cycleId)).toMatchObject({ pugh: { scores: { a1: 2, a2: -1 } }, dq: { overall_score: 70 } });
  });

  it('membership events are not projected', async () => {
    const event = j.event('membership.created', randomUUID(), { membership_id: randomUUID(), user_id: 'u', email: 'u@example.com', tier: 'free' });
    expect((await projectEvent(store, event)).kind).toBe('not_projected');
    expect(store.positions.size).toBe(0);
  });

  it('a redelivered (duplicate) event is ignored: messages are not counted twice', async () => {
    const sessionId = randomUUID();
    const conversationId = j.conversationStarted(sessionId, randomUUID(), 'objectives').payload.conversation_id;
    const message = j.messageSent(sessionId, conversationId);
    expect(await projectAll(store, [...j.all, message, { ...message, event_id: randomUUID() }])).toEqual(['applied', 'applied', 'stale', 'stale']);
    expect(store.conversations.get(conversationId)?.message_count).toBe(1);
  });

  it('a stale event (older sequence arriving late) does not overwrite newer state', async () => {
    const sessionId = randomUUID();
    const cycleId = j.cycleCreated(sessionId).payload.cycle_id;
    const started = j.componentStarted(sessionId, cycleId, 'issue_raising');
    const completed = j.componentCompleted(sessionId, cycleId, 'issue_raising');
    expect(await projectAll(store, [j.all[0], completed as AnyEvent, started as AnyEvent])).toEqual(['applied', 'applied_after_gap', 'stale']);
    expect(store.components.get(`${cycleId}|issue_raising`)?.status).toBe('complete');
  });

  it('an event after a gap is applied and the gap recorded with its ids', async () => {
    const { payload } = j.sessionCreated('user-a', 'Old');
    j.sessionRenamed(payload.session_id, 'Old', 'Lost');
    const renamed = j.sessionRenamed(payload.session_id, 'Lost', 'Newest');
    const outcomes = await projectAll(store, [j.all[0], renamed as AnyEvent]);
    expect(outcomes).toEqual(['applied', 'applied_after_gap']);
    expect(store.sessions.get(payload.session_id)?.title).toBe('Newest');
    expect(store.gaps).toEqual([
      { source: 'session-cycle', aggregate_key: `session:${payload.session_id}`, expected: 2, received: 3, event_id: renamed.event_id, event_type: 'session.renamed' },
    ]);
  });

  it('a session whose session.created was lost takes the acting user from metadata as owner', async () => {
    const sessionId = randomUUID();
    const renamed = j.event('session.renamed', sessionId, { session_id: sessionId, old_title: 'a', new_title: 'b' }, 'user-z');
    await projectEvent(store, { ...renamed, sequence: 2 });
    expect(store.sessions.get(sessionId)).toMatchObject({ user_id: 'user-z', title: 'b', status: 'active' });
  });
});
