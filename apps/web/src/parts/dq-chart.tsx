import type { DqView } from '@choice-sherpa/client';

/** The DQ elements as horizontal bars (0-100), the weakest marked; the overall score is the weakest element. */
export function DqChart({ dq }: { dq: DqView }) {
  const weakest = dq.elements.reduce<DqView['elements'][number] | null>((low, e) => (!low || e.score < low.score ? e : low), null);
  return (
    <section class="analysis" aria-label="Decision quality">
      <h3>
        Decision quality: {dq.overall_score}
        {dq.acceptable === true && <span class="tag ok"> acceptable</span>}
        {dq.acceptable === false && <span class="tag"> below 80 somewhere</span>}
      </h3>
      {dq.elements.length > 0 && (
        <ul class="dq-chart" aria-label="Decision quality elements">
          {dq.elements.map((e) => {
            const isWeakest = e === weakest;
            return (
              <li key={e.name} class={isWeakest ? 'weakest' : ''}>
                <span class="dq-name">
                  {e.name}
                  {isWeakest && <span class="tag"> weakest</span>}
                </span>
                <span class="dq-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={e.score} aria-label={`${e.name}: ${e.score} of 100`}>
                  <span class="dq-fill" style={{ width: `${e.score}%` }} />
                </span>
                <span class="dq-score">{e.score}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
