import { ApiError } from '../http/api-error';
import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import type { SessionView } from '../http/api-types';
import type { RequestOptions } from '../http/http-transport';
import type { SessionFeedHandler } from '../live/session-feed';
import { componentEvent, CYCLE, cycleView, liveEvent, renamed, SESSION, sessionView } from '../testing/fixtures';
import { SessionStore, StoreClock } from './session-store';

const at = (source: 'session-cycle' | 'conversation' | 'analysis-worker', key: string, sequence: number) => ({ source, aggregate_key: key, sequence });
const CONVERSATION = '0192f0a0-0000-7000-8000-0000000000d1';

/** A hand-driven world: the dashboard answers what the test queued, commands resolve or fail when told, timers run on demand. */
function world(views: SessionView[]) {
  const loads: Array<(view: SessionView) => void> = [];
  let handler!: SessionFeedHandler;
  const timers: Array<{ run: () => void; ms: number }> = [];
  const renames: Array<{ title: string; options: RequestOptions; resolve: () => void; reject: (e: unknown) => void }> = [];
  const api = {
    dashboard: {
      session: () =>
        new Promise<SessionView>((resolve) => {
          const next = views.shift();
          if (next) resolve(next);
          else loads.push(resolve);
        }),
    },
    sessions: {
      rename: (_id: string, title: string, options: RequestOptions) =>
        new Promise<void>((resolve, reject) => renames.push({ title, options, resolve, reject })),
    },
  } as unknown as ChoiceSherpaApi;
  const clock: StoreClock = {
    now: () => Date.parse('2026-03-01T12:00:00.000Z'),
    setTimeout: (run, ms) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const index = timers.indexOf(handle as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  const store = new SessionStore(SESSION, api, { subscribe: (_id, h) => ((handler = h), () => undefined) }, clock);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    store,
    loads,
    timers,
    renames,
    settle,
    live: () => handler,
    /** the gateway acknowledges the join (the feed starts at its head) */
    join: () => handler.onJoined!({ resumed: false }),
    view: () => store.session.get().view!,
    runTimers: async () => {
      for (const timer of timers.splice(0)) timer.run();
      await settle();
    },
  };
}

describe('SessionStore: applying live events with the projector rule', () => {
  it('applies events that arrived before the view only where the view does not hold them yet', async () => {
    const w = world([]);
    w.store.start();
    w.join();
    // the socket delivers before the HTTP answer: sequence 2 is in the view already, 3 is not
    w.live().onEvent(renamed(2, 'in the view'));
    w.live().onEvent(renamed(3, 'newer than the view'));
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 2)], { title: 'in the view' }));
    await w.settle();
    expect(w.store.session.get().status).toBe('ready');
    expect(w.view().title).toBe('newer than the view');
  });

  it('ignores duplicates and stale events, so a message is counted once', async () => {
    const w = world([sessionView([at('session-cycle', `cycle:${CYCLE}`, 2)])]);
    w.store.start();
    w.join();
    await w.settle();
    const started = liveEvent('conversation.started', 1, { conversation_id: CONVERSATION, cycle_id: CYCLE, component_id: CYCLE, component_type: 'issue_raising', started_at: '' });
    const message = liveEvent('conversation.message_sent', 2, { conversation_id: CONVERSATION, message_id: CYCLE, role: 'user', content_preview: 'hi', sent_at: '2026-03-01T11:00:00.000Z' });
    for (const event of [started, message, message, componentEvent('component.started', 2)]) w.live().onEvent(event);
    const issue = w.view().cycles[0].components[0];
    expect(issue).toMatchObject({ message_count: 1, status: 'not_started', last_message_at: '2026-03-01T11:00:00.000Z' });
    w.live().onEvent(componentEvent('component.completed', 3));
    expect(w.view().cycles[0].components[0].status).toBe('complete');
    expect(w.view().cycles[0].progress).toEqual({ completed: 1, required: 8, percent: 12 });
  });

  it('a gap applies the event and reloads the view; a reload older than what the events showed is not taken', async () => {
    const w = world([sessionView([at('session-cycle', `session:${SESSION}`, 1)])]);
    w.store.start();
    w.join();
    await w.settle();
    w.live().onEvent(renamed(4, 'after a gap'));
    expect(w.view().title).toBe('after a gap');
    expect(w.timers).toHaveLength(1);
    await w.runTimers();
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 3)], { title: 'older' }));
    await w.settle();
    expect(w.view().title).toBe('after a gap');
  });

  it('SINCE_UNKNOWN (a rejoin that does not resume) reloads the view and re-applies nothing it already holds', async () => {
    const w = world([sessionView([at('session-cycle', `session:${SESSION}`, 1)])]);
    w.store.start();
    w.join();
    await w.settle();
    w.join();
    await w.settle();
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 5)], { title: 'reloaded' }));
    await w.settle();
    w.live().onEvent(renamed(5, 'replayed, already in the view'));
    expect(w.view().title).toBe('reloaded');
  });

  it('branching copies the parent: before the point as it is, the point needs revision, after it fresh', async () => {
    const parent = cycleView(CYCLE, {
      components: cycleView().components.map((c, i) => ({ ...c, status: i < 3 ? 'complete' : i === 3 ? 'in_progress' : 'not_started' })),
    });
    const w = world([sessionView([], { cycles: [parent] })]);
    w.store.start();
    w.join();
    await w.settle();
    const branch = '0192f0a0-0000-7000-8000-0000000000b2';
    w.live().onEvent(liveEvent('cycle.created', 1, { cycle_id: branch, parent_cycle_id: CYCLE, created_at: '' }));
    w.live().onEvent(liveEvent('cycle.branched', 2, { cycle_id: branch, parent_cycle_id: CYCLE, branch_point_component: 'objectives', branched_at: '' }));
    const [root] = w.view().cycles;
    expect(w.view().cycle_count).toBe(2);
    expect(root.branches.map((b) => [b.cycle_id, b.branch_point])).toEqual([[branch, 'objectives']]);
    expect(root.branches[0].components.slice(0, 5).map((c) => [c.status, c.inherited_from])).toEqual([
      ['complete', CYCLE],
      ['complete', CYCLE],
      ['needs_revision', CYCLE],
      ['not_started', null],
      ['not_started', null],
    ]);
  });
  it("branching takes the statuses cycle.branched's copied_components lists, even without the parent in the view", async () => {
    const w = world([sessionView([], { cycles: [] })]);
    w.store.start();
    w.join();
    await w.settle();
    const branch = '0192f0a0-0000-7000-8000-0000000000b3';
    const parentId = '0192f0a0-0000-7000-8000-0000000000b4';
    w.live().onEvent(liveEvent('cycle.created', 1, { cycle_id: branch, parent_cycle_id: parentId, created_at: '' }));
    const copied_components = [
      { component_type: 'issue_raising' as const, component_id: branch, status: 'complete' as const },
      { component_type: 'problem_frame' as const, component_id: branch, status: 'needs_revision' as const },
    ];
    w.live().onEvent(liveEvent('cycle.branched', 2, { cycle_id: branch, parent_cycle_id: parentId, branch_point_component: 'problem_frame', branched_at: '', copied_components }));
    const [cycle] = w.view().cycles;
    expect(cycle.components.slice(0, 3).map((c) => [c.status, c.inherited_from])).toEqual([
      ['complete', parentId],
      ['needs_revision', parentId],
      ['not_started', null],
    ]);
    expect(cycle.progress.completed).toBe(1);
  });
});

describe('SessionStore: optimistic commands', () => {
  it('shows a rename at once, keeps it through the HTTP answer and unrelated events, and settles on its own event', async () => {
    const w = world([sessionView([at('session-cycle', `session:${SESSION}`, 1)], { title: 'old' })]);
    w.store.start();
    w.join();
    await w.settle();
    const done = w.store.rename('new');
    expect(w.view().title).toBe('new');
    expect(w.store.session.get().pending).toBe(1);
    const [request] = w.renames;
    request.resolve();
    expect(await done).toBe(true);
    // the socket has not delivered the event yet: an event of another command changes nothing of the title
    w.live().onEvent(renamed(2, 'someone else', 'another-correlation'));
    expect(w.view().title).toBe('new');
    w.live().onEvent(renamed(3, 'new', request.options.correlationId));
    expect(w.store.session.get().pending).toBe(0);
    expect(w.view().title).toBe('new');
  });

  it('rolls a refused rename back and reports the error with what the user tried', async () => {
    const w = world([sessionView([], { title: 'old' })]);
    w.store.start();
    w.join();
    await w.settle();
    const done = w.store.rename('x'.repeat(600));
    expect(w.view().title).toBe('x'.repeat(600));
    w.renames[0].reject(new ApiError(400, 'VALIDATION_FAILED', 'title must be at most 500 characters', [{ field: 'title', problems: ['too long'] }]));
    expect(await done).toBe(false);
    const state = w.store.session.get();
    expect(state.view?.title).toBe('old');
    expect(state.pending).toBe(0);
    expect(state.failure).toMatchObject({ label: 'rename the session', error: { status: 400, code: 'VALIDATION_FAILED' } });
  });

  it('settles an acknowledged command whose event the view already held when it arrived', async () => {
    const w = world([sessionView([at('session-cycle', `session:${SESSION}`, 1)], { title: 'old' })]);
    w.store.start();
    w.join();
    await w.settle();
    const done = w.store.rename('new');
    w.renames[0].resolve();
    await done;
    w.join(); // a rejoin that could not resume (after SINCE_UNKNOWN) reads the view again
    await w.settle();
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 2)], { title: 'new' }));
    await w.settle();
    expect(w.store.session.get().pending).toBe(1);
    w.live().onEvent(renamed(2, 'new', w.renames[0].options.correlationId));
    expect(w.store.session.get().pending).toBe(0);
  });
});

describe('SessionStore: joined before the view is read, commands sent once joined', () => {
  it('reads the view only after the join is acknowledged, and once more after each join that did not resume', async () => {
    const w = world([]);
    w.store.start();
    await w.settle();
    expect(w.loads).toHaveLength(0);
    expect(w.store.session.get().status).toBe('loading');
    w.join();
    await w.settle();
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 1)], { title: 'after the join' }));
    await w.settle();
    expect(w.view().title).toBe('after the join');
    w.live().onJoined!({ resumed: true });
    await w.settle();
    expect(w.loads).toHaveLength(0);
    w.join();
    await w.settle();
    expect(w.loads).toHaveLength(1);
  });

  it('a read under way when the join is acknowledged is followed by one started after it', async () => {
    const w = world([]);
    w.store.start();
    await w.runTimers(); // the gateway is slow: the view is read without waiting any longer
    expect(w.loads).toHaveLength(1);
    w.join();
    w.loads.shift()!(sessionView([], { title: 'read before the join' }));
    await w.settle();
    expect(w.loads).toHaveLength(1);
    w.loads.shift()!(sessionView([at('session-cycle', `session:${SESSION}`, 2)], { title: 'read after the join' }));
    await w.settle();
    expect(w.view().title).toBe('read after the join');
  });

  it('a command made before the join goes out once joined, so its own event settles it', async () => {
    const w = world([sessionView([at('session-cycle', `session:${SESSION}`, 1)], { title: 'old' })]);
    w.store.start();
    const done = w.store.rename('new');
    await w.settle();
    expect(w.renames).toHaveLength(0);
    w.join();
    await w.settle();
    expect(w.renames).toHaveLength(1);
    w.renames[0].resolve();
    expect(await done).toBe(true);
    w.live().onEvent(renamed(2, 'new', w.renames[0].options.correlationId));
    expect(w.store.session.get()).toMatchObject({ pending: 0, status: 'ready', view: { title: 'new' } });
  });

  it('a 404 right after the session was created is read again; a join refused with NOT_FOUND makes it final', async () => {
    const w = world([]);
    const notFound = new ApiError(404, 'NOT_FOUND', 'no such session');
    let answers = 0;
    (w.store as unknown as { api: ChoiceSherpaApi }).api.dashboard.session = () => (++answers === 1 ? Promise.reject(notFound) : Promise.resolve(sessionView([], { title: 'there now' })));
    w.store.start();
    w.join();
    await w.settle();
    expect(w.store.session.get().status).toBe('loading');
    await w.runTimers();
    expect(w.store.session.get()).toMatchObject({ status: 'ready', view: { title: 'there now' } });

    const other = world([]);
    (other.store as unknown as { api: ChoiceSherpaApi }).api.dashboard.session = () => Promise.reject(notFound);
    other.store.start();
    other.live().onJoinError!({ code: 'NOT_FOUND', message: 'no such session' });
    await other.runTimers();
    expect(other.store.session.get().status).toBe('not_found');
  });
});

describe('SessionStore: views read beside it (readAfterJoins)', () => {
  it('reads once joined, again after a join that did not resume, not after one that resumed', async () => {
    const w = world([sessionView([])]);
    const reads: string[] = [];
    w.store.start();
    w.store.readAfterJoins(() => reads.push('read'));
    expect(reads).toEqual([]);
    w.join();
    expect(reads).toEqual(['read']);
    w.live().onJoined!({ resumed: true });
    expect(reads).toEqual(['read']);
    w.join();
    expect(reads).toEqual(['read', 'read']);
  });

  it('reads at once when the store has joined, and when the wait for the join gave up', async () => {
    const joined = world([sessionView([])]);
    joined.store.start();
    joined.join();
    let early = 0;
    joined.store.readAfterJoins(() => early++);
    expect(early).toBe(1);

    const unreachable = world([sessionView([])]);
    unreachable.store.start();
    let late = 0;
    const stop = unreachable.store.readAfterJoins(() => late++);
    await unreachable.runTimers();
    expect(late).toBe(1);
    stop();
    unreachable.join();
    expect(late).toBe(1);
  });
});
