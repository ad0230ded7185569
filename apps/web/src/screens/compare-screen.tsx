import { useEffect, useState } from 'preact/hooks';
import { ApiError, COMPONENT_LABELS, CycleComparison, flattenCycles } from '@choice-sherpa/client';
import { useObservable, useServices } from '../app-context';
import { ErrorMessage } from '../parts/messages';
import { StatusBadge } from '../parts/status';
import { WithSession } from '../parts/with-session';
import { href, navigate } from '../router';
import { useSessionStore } from '../session-context';

export function CompareScreen({ sessionId, cycleIds }: { sessionId: string; cycleIds: string[] }) {
  return (
    <WithSession sessionId={sessionId}>
      <ComparePage sessionId={sessionId} cycleIds={cycleIds} />
    </WithSession>
  );
}

/** Cycles side by side: per component whether they differ, progress of each; read again on each live change. */
function ComparePage({ sessionId, cycleIds }: { sessionId: string; cycleIds: string[] }) {
  const { api } = useServices();
  const session = useSessionStore();
  const { view } = useObservable(session.session);
  const [comparison, setComparison] = useState<CycleComparison | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const load = () => api.dashboard.compare(cycleIds).then(setComparison, setError);
    void load();
    return session.onEvent(() => void load());
  }, [api, session, cycleIds.join()]);
  const all = view ? flattenCycles(view.cycles) : [];
  const names = new Map(all.map((c, i) => [c.cycle_id, `Cycle ${i + 1}`]));
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...cycleIds, id] : cycleIds.filter((c) => c !== id);
    if (next.length >= 2) navigate(href.compare(sessionId, next));
  };
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href.session(sessionId)}>{view?.title ?? 'Decision'}</a> › Compare cycles
      </nav>
      <h1>Compare cycles</h1>
      <fieldset class="panel">
        <legend>Cycles to compare (two or more)</legend>
        {all.map((c) => (
          <label key={c.cycle_id} class="check">
            <input type="checkbox" checked={cycleIds.includes(c.cycle_id)} onChange={(e) => toggle(c.cycle_id, e.currentTarget.checked)} />
            {names.get(c.cycle_id)} {c.branch_point ? `(branched at ${COMPONENT_LABELS[c.branch_point]})` : ''}
          </label>
        ))}
      </fieldset>
      {error && <ErrorMessage error={error} action="compare the cycles" />}
      {comparison && (
        <div class="table-scroll">
          <table class="compare">
            <thead>
              <tr>
                <th scope="col">Step</th>
                {comparison.cycles.map((c) => (
                  <th scope="col" key={c.cycle_id}>
                    {names.get(c.cycle_id) ?? c.cycle_id} ({c.progress.percent}%)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.components.map((row) => (
                <tr key={row.component_type} class={row.differs ? 'differs' : ''}>
                  <th scope="row">
                    {COMPONENT_LABELS[row.component_type]}
                    {row.differs && <span class="tag"> differs</span>}
                  </th>
                  {row.cycles.map((c) => (
                    <td key={c.cycle_id}>
                      <StatusBadge status={c.status} /> {c.output_summary ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
