import type { AnalysisRecord, CycleRecord } from './read-model';

export interface PughView {
  scores: Array<{ alternative_id: string; score: number; rank: number }>;
  /** the single top scorer; null on a tie (DOMAIN.md "Analysis") */
  best_alternative_id: string | null;
  dominated_alternatives: Array<{ alternative_id: string; dominated_by_id: string; objective_ids: string[] }>;
  irrelevant_objectives: string[];
  computed_at: string;
}

export interface DqView {
  elements: Array<{ name: string; score: number }>;
  overall_score: number;
  /** every element at least 80; null when only the score from cycle.completed is known */
  acceptable: boolean | null;
  computed_at: string | null;
}

export function pughView(analysis: AnalysisRecord | undefined): PughView | null {
  const pugh = analysis?.pugh;
  if (!pugh) return null;
  const entries = Object.entries(pugh.scores).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const scores = entries.map(([alternative_id, score]) => ({
    alternative_id,
    score,
    rank: 1 + entries.filter(([, other]) => other > score).length,
  }));
  const top = scores.filter((s) => s.rank === 1);
  return {
    scores,
    best_alternative_id: top.length === 1 ? top[0].alternative_id : null,
    dominated_alternatives: pugh.dominated_alternatives,
    irrelevant_objectives: pugh.irrelevant_objectives,
    computed_at: pugh.computed_at,
  };
}

export function dqView(analysis: AnalysisRecord | undefined, cycle: CycleRecord | undefined): DqView | null {
  const dq = analysis?.dq;
  if (dq) {
    const elements = dq.element_scores;
    return { elements, overall_score: dq.overall_score, acceptable: elements.length > 0 && elements.every((e) => e.score >= 80), computed_at: dq.computed_at };
  }
  if (cycle && cycle.dq_score !== null) return { elements: [], overall_score: cycle.dq_score, acceptable: null, computed_at: null };
  return null;
}
