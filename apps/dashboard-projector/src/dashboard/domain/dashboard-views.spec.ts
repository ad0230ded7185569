import { randomUUID } from 'node:crypto';
import type { AnyEvent } from '@choice-sherpa/events';
import { JourneyEvents } from '../../../test/support/journey-events';
import { componentDetail } from './component-detail';
import { COMPONENT_TYPES } from './component-types';
import { compareCycles } from './cycle-comparison';
import { InMemoryReadModelStore } from '../testing/in-memory-read-model.store';
import { overview } from './overview';
import { progressOf } from './progress';
import { projectEvent } from './project-event';
import { SessionSnapshot } from './session-records';
import { CycleView, sessionView } from './session-view';

async function snapshotOf(events: AnyEvent[], sessionId: string): Promise<SessionSnapshot> {
  const store = new InMemoryReadModelStore();
  for (const event of events) await projectEvent(store, event);
  const { session, ...rest } = store.recordsOf(sessionId);
  if (!session) throw new Error('session not projected');
  return new SessionSnapshot({ session, ...rest });
}

const statuses = (cycle: Pick<CycleView, 'components'>) => Object.fromEntries(cycle.components.map((c) => [c.component_type, c.status]));

describe('progress', () => {
  it('counts the eight required components, floor(complete x 100 / 8), notes_next_steps optional', () => {
    const all = (status: 'complete' | 'not_started') => COMPONENT_TYPES.map((component_type) => ({ component_type, status }));
    expect(progressOf(all('not_started'))).toEqual({ completed: 0, required: 8, percent: 0 });
    expect(progressOf(all('complete'))).toEqual({ completed: 8, required: 8, percent: 100 });
    const three = COMPONENT_TYPES.map((component_type, i) => ({ component_type, status: i < 3 ? 'complete' : 'in_progress' }) as const);
    expect(progressOf(three).percent).toBe(37);
    expect(progressOf([{ component_type: 'notes_next_steps', status: 'complete' }]).completed).toBe(0);
  });
});

describe('dashboard views', () => {
  let j: JourneyEvents;
  let sessionId: string;
  let cycleId: string;
  beforeEach(() => {
    j = new JourneyEvents();
    sessionId = j.sessionCreated('user-a', 'Which job?').payload.session_id;
    cycleId = j.cycleCreated(sessionId).payload.cycle_id;
  });

  it('the session view lists the nine statuses, progress and message counts of each cycle', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    j.finish(sessionId, cycleId, 'problem_frame');
    j.componentStarted(sessionId, cycleId, 'objectives');
    const conversation = j.conversationStarted(sessionId, cycleId, 'objectives').payload.conversation_id;
    j.messageSent(sessionId, conversation, 'assistant');
    j.messageSent(sessionId, conversation, 'user');
    const view = sessionView(await snapshotOf(j.all, sessionId));
    expect(view).toMatchObject({ session_id: sessionId, title: 'Which job?', status: 'active', cycle_count: 1 });
    const [cycle] = view.cycles;
    expect(cycle.components.map((c) => c.component_type)).toEqual([...COMPONENT_TYPES]);
    expect(statuses(cycle)).toMatchObject({ issue_raising: 'complete', problem_frame: 'complete', objectives: 'in_progress', alternatives: 'not_started' });
    expect(cycle.progress).toEqual({ completed: 2, required: 8, percent: 25 });
    expect(cycle.components.find((c) => c.component_type === 'objectives')?.message_count).toBe(2);
    expect(view.last_updated_at).toBe(j.all[j.all.length - 1].occurred_at);
  });

  it('carries the last applied sequence of each (producer, aggregate) of the session, so a client can tell which events a view holds', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    const conversation = j.conversationStarted(sessionId, cycleId, 'issue_raising').payload.conversation_id;
    j.messageSent(sessionId, conversation, 'user');
    j.pughComputed(sessionId, cycleId, { a1: 1 });
    const other = j.sessionCreated('user-b', 'Not mine').payload.session_id;
    j.cycleCreated(other);
    const snapshot = await snapshotOf(j.all, sessionId);
    const last = (aggregateId: string) => Math.max(...j.all.filter((e) => e.aggregate_id === aggregateId && !e.event_type.startsWith('analysis.')).map((e) => e.sequence));
    const expected = [
      { source: 'analysis-worker', aggregate_key: `cycle:${cycleId}`, sequence: 1 },
      { source: 'conversation', aggregate_key: `conversation:${conversation}`, sequence: 2 },
      { source: 'session-cycle', aggregate_key: `cycle:${cycleId}`, sequence: last(cycleId) },
      { source: 'session-cycle', aggregate_key: `session:${sessionId}`, sequence: 1 },
    ];
    expect(sessionView(snapshot).positions).toEqual(expected);
    expect(componentDetail(snapshot, cycleId, 'issue_raising').positions).toEqual(expected);
    expect(overview([snapshot]).sessions[0].positions).toEqual(expected);
  });

  it('shows Pugh scores with ranks, the single best alternative, and DQ elements with the overall score', async () => {
    j.pughComputed(sessionId, cycleId, { a1: 3, a2: -1, a3: 3 });
    j.dqComputed(sessionId, cycleId, [{ name: 'Clear Objectives', score: 85 }, { name: 'Creative Alternatives', score: 90 }]);
    const [cycle] = sessionView(await snapshotOf(j.all, sessionId)).cycles;
    expect(cycle.pugh?.scores).toEqual([
      { alternative_id: 'a1', score: 3, rank: 1 },
      { alternative_id: 'a3', score: 3, rank: 1 },
      { alternative_id: 'a2', score: -1, rank: 3 },
    ]);
    expect(cycle.pugh?.best_alternative_id).toBeNull();
    expect(cycle.dq).toMatchObject({ overall_score: 85, acceptable: true, elements: [{ name: 'Clear Objectives', score: 85 }, { name: 'Creative Alternatives', score: 90 }] });
    j.pughComputed(sessionId, cycleId, { a1: 4, a2: -1, a3: 3 });
    expect(sessionView(await snapshotOf(j.all, sessionId)).cycles[0].pugh?.best_alternative_id).toBe('a1');
  });

  it('places branches under their parent with the branch point; the branch copies components before it, revises it, resets after it', async () => {
    for (const type of ['issue_raising', 'problem_frame', 'objectives', 'alternatives'] as const) j.finish(sessionId, cycleId, type);
    j.componentStarted(sessionId, cycleId, 'consequences');
    const branchId = j.branch(sessionId, cycleId, 'alternatives').payload.cycle_id;
    // the parent goes on after the branch: the branch keeps the state of the moment it branched
    j.componentRevised(sessionId, cycleId, 'objectives');
    const nested = j.branch(sessionId, branchId, 'objectives').payload.cycle_id;
    const view = sessionView(await snapshotOf(j.all, sessionId));
    expect(view.cycle_count).toBe(3);
    expect(view.cycles).toHaveLength(1);
    const [root] = view.cycles;
    expect(root.branches.map((b) => [b.cycle_id, b.branch_point])).toEqual([[branchId, 'alternatives']]);
    const branch = root.branches[0];
    expect(statuses(root)).toMatchObject({ objectives: 'needs_revision', consequences: 'in_progress' });
    expect(statuses(branch)).toMatchObject({ issue_raising: 'complete', objectives: 'complete', alternatives: 'needs_revision', consequences: 'not_started' });
    expect(branch.components.find((c) => c.component_type === 'objectives')?.inherited_from).toBe(cycleId);
    expect(branch.progress.completed).toBe(3);
    expect(branch.branches.map((b) => b.cycle_id)).toEqual([nested]);
    expect(statuses(branch.branches[0])).toMatchObject({ issue_raising: 'complete', objectives: 'needs_revision', alternatives: 'not_started' });
  });

  it('a branch comes out the same whether its events are projected before or after the parent events preceding it', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    j.componentStarted(sessionId, cycleId, 'problem_frame');
    const branchId = j.branch(sessionId, cycleId, 'problem_frame').payload.cycle_id;
    const inOrder = sessionView(await snapshotOf(j.all, sessionId));
    const branchFirst = [...j.all.slice(0, 2), ...j.all.filter((e) => e.aggregate_id === branchId), ...j.all.slice(2).filter((e) => e.aggregate_id !== branchId)];
    expect(sessionView(await snapshotOf(branchFirst, sessionId))).toEqual(inOrder);
    expect(statuses(inOrder.cycles[0].branches[0])).toMatchObject({ issue_raising: 'complete', problem_frame: 'needs_revision' });
  });

  it('the branch own events win over the copy', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    j.componentStarted(sessionId, cycleId, 'problem_frame');
    const branchId = j.branch(sessionId, cycleId, 'problem_frame').payload.cycle_id;
    j.componentCompleted(sessionId, branchId, 'problem_frame');
    const branch = sessionView(await snapshotOf(j.all, sessionId)).cycles[0].branches[0];
    expect(branch.components.find((c) => c.component_type === 'problem_frame')).toMatchObject({ status: 'complete', inherited_from: null });
  });

  it('a branch whose cycle.branched was lost shows fresh components instead of a guessed copy', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    const branchId = j.cycleCreated(sessionId, undefined, cycleId).payload.cycle_id;
    const [root] = sessionView(await snapshotOf(j.all, sessionId)).cycles;
    expect(root.branches.map((b) => [b.cycle_id, b.branch_point])).toEqual([[branchId, null]]);
    expect(root.branches[0].components.every((c) => c.status === 'not_started')).toBe(true);
  });

  it('messages of a conversation whose conversation.started was lost are not attributed to any component', async () => {
    const conversationId = randomUUID();
    const sent = j.messageSent(sessionId, conversationId);
    const snapshot = await snapshotOf([...j.all.filter((e) => e !== sent), { ...sent, sequence: 2 }], sessionId);
    expect(sessionView(snapshot).cycles[0].components.every((c) => c.message_count === 0)).toBe(true);
  });

  it('component detail: status, output, conversation summary, can_branch, can_revise, previous and next', async () => {
    j.componentStarted(sessionId, cycleId, 'issue_raising');
    j.componentOutput(sessionId, cycleId, 'issue_raising', { objectives: ['pay'] }, '1 objective');
    const conversation = j.conversationStarted(sessionId, cycleId, 'issue_raising').payload.conversation_id;
    const message = j.messageSent(sessionId, conversation);
    const snapshot = await snapshotOf(j.all, sessionId);
    expect(componentDetail(snapshot, cycleId, 'issue_raising')).toMatchObject({
      status: 'in_progress',
      output: { objectives: ['pay'] },
      output_summary: '1 objective',
      message_count: 1,
      last_message_at: message.payload.sent_at,
      conversation: { conversation_id: conversation, message_count: 1 },
      can_branch: true,
      can_revise: true,
      previous: null,
      next: 'problem_frame',
    });
    expect(componentDetail(snapshot, cycleId, 'notes_next_steps')).toMatchObject({
      status: 'not_started',
      can_branch: false,
      can_revise: false,
      previous: 'decision_quality',
      next: null,
      conversation: null,
    });
  });

  it('nothing can be branched or revised in a completed cycle', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    j.cycleCompleted(sessionId, cycleId, 71);
    const snapshot = await snapshotOf(j.all, sessionId);
    expect(componentDetail(snapshot, cycleId, 'issue_raising')).toMatchObject({ status: 'complete', can_branch: false, can_revise: false });
    expect(sessionView(snapshot).cycles[0].dq).toEqual({ elements: [], overall_score: 71, acceptable: null, computed_at: null });
  });

  it('the cycle comparison says per component whether the cycles differ, with progress side by side', async () => {
    j.finish(sessionId, cycleId, 'issue_raising', { a: 1 });
    j.componentStarted(sessionId, cycleId, 'problem_frame');
    const branchId = j.branch(sessionId, cycleId, 'problem_frame').payload.cycle_id;
    j.componentCompleted(sessionId, cycleId, 'problem_frame', { b: 2 });
    const snapshot = await snapshotOf(j.all, sessionId);
    const comparison = compareCycles([{ snapshot, cycleId }, { snapshot, cycleId: branchId }]);
    expect(comparison.cycles.map((c) => [c.cycle_id, c.progress.completed])).toEqual([[cycleId, 2], [branchId, 1]]);
    const differs = Object.fromEntries(comparison.components.map((c) => [c.component_type, c.differs]));
    expect(differs).toMatchObject({ issue_raising: false, problem_frame: true, objectives: false });
    expect(compareCycles([{ snapshot, cycleId }, { snapshot, cycleId: branchId }], ['problem_frame']).components.map((c) => c.component_type)).toEqual(['problem_frame']);
  });

  it('the overview lists each session with cycle count, current cycle progress and latest scores, newest first', async () => {
    j.finish(sessionId, cycleId, 'issue_raising');
    j.pughComputed(sessionId, cycleId, { stay: 1, move: 4 });
    j.dqComputed(sessionId, cycleId, [{ name: 'Clear Objectives', score: 55 }]);
    const first = await snapshotOf(j.all, sessionId);
    const other = j.sessionCreated('user-a', 'Later').payload.session_id;
    const second = await snapshotOf(j.all, other);
    const { sessions } = overview([first, second]);
    expect(sessions.map((s) => s.session_id)).toEqual([other, sessionId]);
    expect(sessions[1]).toMatchObject({
      title: 'Which job?',
      cycle_count: 1,
      current_cycle_id: cycleId,
      progress: { completed: 1, percent: 12 },
      latest_scores: { pugh_best_alternative_id: 'move', dq_score: 55 },
    });
    expect(sessions[0]).toMatchObject({ cycle_count: 0, current_cycle_id: null, progress: null, latest_scores: { pugh_best_alternative_id: null, dq_score: null } });
  });
});
