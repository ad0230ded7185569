import { useEffect, useMemo, useState } from 'preact/hooks';
import { flattenCycles, SessionStore } from '@choice-sherpa/client';
import { NotFound } from '../parts/not-found';
import { useObservable, useServices } from '../app-context';
import { CycleCard } from '../parts/cycle-card';
import { ErrorMessage } from '../parts/messages';
import { StatusBadge } from '../parts/status';
import { href } from '../router';
import { SessionContext, useSessionStore } from '../session-context';

/** One decision: its title, the cycle tree with branches, each cycle's components, analysis and actions. Live. */
export function SessionScreen({ sessionId, cycleId }: { sessionId: string; cycleId?: string }) {
  const { api, live } = useServices();
  const store = useMemo(() => new SessionStore(sessionId, api, live), [sessionId, api, live]);
  useEffect(() => store.start(), [store]);
  const state = useObservable(store.session);
  useFocusCycle(cycleId, state.view !== null);
  if (state.status === 'not_found') return <NotFound what="decision" />;
  if (state.status === 'error' && state.error) return <ErrorMessage error={state.error} action="load this decision" />;
  if (!state.view) return <p role="status">Loading the decision…</p>;
  const view = state.view;
  const cycles = flattenCycles(view.cycles);
  return (
    <SessionContext.Provider value={store}>
      <Title title={view.title ?? 'Untitled decision'} archived={view.status === 'archived'} />
      <p class="meta">
        <StatusBadge status={view.status} /> {view.cycle_count} {view.cycle_count === 1 ? 'cycle' : 'cycles'}
        {state.pending > 0 && (
          <span class="saving" role="status">
            {' '}
            · Saving…
          </span>
        )}
      </p>
      {state.failure && <ErrorMessage error={state.failure.error} action={state.failure.label} onDismiss={() => store.dismissFailure()} />}
      <div class="toolbar">
        {view.status === 'active' && (
          <button type="button" onClick={() => void store.createCycle()}>
            New cycle
          </button>
        )}
        {cycles.length >= 2 && <a href={href.compare(sessionId, cycles.slice(0, 2).map((c) => c.cycle_id))}>Compare cycles</a>}
        {view.status === 'active' && (
          <button type="button" class="secondary" onClick={() => confirm('Archive this decision? It cannot be changed afterwards.') && void store.archive()}>
            Archive decision
          </button>
        )}
      </div>
      {view.cycles.length === 0 && <p>No cycle yet: start one to work through the nine steps.</p>}
      <ol class="cycle-tree" aria-label="Cycles">
        {view.cycles.map((cycle, index) => (
          <CycleCard key={cycle.cycle_id} cycle={cycle} sessionId={sessionId} label={`Cycle ${index + 1}`} />
        ))}
      </ol>
    </SessionContext.Provider>
  );
}

/** A link to one cycle (`?cycle=`): its heading is scrolled to and focused once it is shown, once. */
function useFocusCycle(cycleId: string | undefined, shown: boolean): void {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!cycleId || !shown || done) return;
    const heading = document.getElementById(`cycle-${cycleId}`);
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.focus();
    setDone(true);
  });
}

function Title({ title, archived }: { title: string; archived: boolean }) {
  const store = useSessionStore();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  if (!editing || archived) {
    return (
      <div class="title-row">
        <h1 id="session-title">{title}</h1>
        {!archived && (
          <button type="button" class="link" onClick={() => (setDraft(title), setEditing(true))}>
            Rename
          </button>
        )}
      </div>
    );
  }
  const save = (event: Event) => {
    event.preventDefault();
    setEditing(false);
    if (draft.trim() !== title) void store.rename(draft.trim());
  };
  return (
    <form class="title-row" onSubmit={save}>
      <label for="rename" class="visually-hidden">
        Decision title
      </label>
      <input id="rename" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} autoFocus />
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
