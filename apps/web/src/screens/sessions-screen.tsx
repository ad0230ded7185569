import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, OverviewStore } from '@choice-sherpa/client';
import { useObservable, useServices } from '../app-context';
import { ErrorMessage } from '../parts/messages';
import { ProgressBar, StatusBadge } from '../parts/status';
import { href, navigate } from '../router';

/** The user's decisions (the dashboard overview), live, and a form to start a new one. */
export function SessionsScreen() {
  const { api, live } = useServices();
  const store = useMemo(() => new OverviewStore(api, live), [api, live]);
  useEffect(() => store.start(), [store]);
  const { status, overview, error } = useObservable(store.overview);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      const session = await api.sessions.create({ title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
      navigate(href.session(session.id));
    } catch (e) {
      setCreateError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Your decisions</h1>
      <section class="panel" aria-labelledby="new-title">
        <h2 id="new-title">Start a new decision</h2>
        {createError && <ErrorMessage error={createError} action="start the decision" />}
        <form onSubmit={create} class="inline-form">
          <label for="session-title">What are you deciding?</label>
          <input id="session-title" required maxLength={500} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          <label for="session-description">Context (optional)</label>
          <input id="session-description" maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
          <button type="submit" disabled={busy || title.trim() === ''}>
            Start
          </button>
        </form>
      </section>
      {status === 'loading' && <p role="status">Loading your decisions…</p>}
      {error && <ErrorMessage error={error} action="load your decisions" />}
      {overview && overview.sessions.length === 0 && <p>No decisions yet.</p>}
      {overview && overview.sessions.length > 0 && (
        <ul class="cards" aria-label="Decisions">
          {overview.sessions.map((s) => (
            <li class="card" key={s.session_id}>
              <h2>
                <a href={href.session(s.session_id)}>{s.title ?? 'Untitled decision'}</a>
              </h2>
              <p class="meta">
                <StatusBadge status={s.status} /> {s.cycle_count} {s.cycle_count === 1 ? 'cycle' : 'cycles'}
                {s.latest_scores.dq_score !== null && <> · Decision quality {s.latest_scores.dq_score}</>}
              </p>
              {s.progress && <ProgressBar progress={s.progress} label={`Progress of ${s.title ?? 'the decision'}`} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
