import { cellKey, PughView } from '@choice-sherpa/client';
import { useComponent } from './use-component';

/** The Pugh table: alternatives × objectives with the ratings, the score and rank; best, dominated and irrelevant marked. */
export function PughTable({ cycleId, pugh }: { cycleId: string; pugh: PughView }) {
  const alternatives = useComponent(cycleId, 'alternatives').detail?.output?.alternatives ?? [];
  const objectives = useComponent(cycleId, 'objectives').detail?.output?.fundamental_objectives ?? [];
  const cells = useComponent(cycleId, 'consequences').detail?.output?.cells ?? {};
  const nameOf = (id: string) => alternatives.find((a) => a.id === id)?.name ?? id;
  const dominated = new Map(pugh.dominated_alternatives.map((d) => [d.alternative_id, d.dominated_by_id]));
  const irrelevant = new Set(pugh.irrelevant_objectives);
  const objectiveIds = objectives.length > 0 ? objectives.map((o) => o.id) : [...new Set(Object.keys(cells).map((k) => k.split(':')[1]))];
  return (
    <section class="analysis" aria-label="Pugh analysis">
      <h3>Pugh analysis</h3>
      <div class="table-scroll">
        <table class="pugh">
          <caption>Ratings from −2 (much worse) to +2 (much better) against the status quo; highest score first.</caption>
          <thead>
            <tr>
              <th scope="col">Alternative</th>
              {objectiveIds.map((id) => (
                <th scope="col" key={id} class={irrelevant.has(id) ? 'irrelevant' : ''}>
                  {objectives.find((o) => o.id === id)?.description ?? id}
                  {irrelevant.has(id) && <span class="tag"> irrelevant</span>}
                </th>
              ))}
              <th scope="col">Score</th>
              <th scope="col">Rank</th>
            </tr>
          </thead>
          <tbody>
            {pugh.scores.map((s) => {
              const best = s.alternative_id === pugh.best_alternative_id;
              const dominatedBy = dominated.get(s.alternative_id);
              return (
                <tr key={s.alternative_id} class={best ? 'best' : dominatedBy ? 'dominated' : ''} data-alternative={s.alternative_id}>
                  <th scope="row">
                    {nameOf(s.alternative_id)}
                    {best && <span class="tag"> best</span>}
                    {dominatedBy && <span class="tag"> dominated by {nameOf(dominatedBy)}</span>}
                  </th>
                  {objectiveIds.map((o) => (
                    <td key={o} class={irrelevant.has(o) ? 'irrelevant' : ''}>
                      {formatRating(cells[cellKey(s.alternative_id, o)]?.rating)}
                    </td>
                  ))}
                  <td>{formatRating(s.score)}</td>
                  <td>{s.rank}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function formatRating(value: number | undefined): string {
  if (value === undefined) return '–';
  return value > 0 ? `+${value}` : String(value);
}
