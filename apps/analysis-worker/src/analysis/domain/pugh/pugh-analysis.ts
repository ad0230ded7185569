import { compareIds } from '../ordering';
import type { ConsequencesTable } from './consequences-table';

export interface PughScore {
  alternativeId: string;
  /** Sum of the alternative's ratings over all objectives (a missing cell counts 0). */
  score: number;
  /** 1 + the number of alternatives that score strictly higher: ties share a rank. */
  rank: number;
}

export interface Domination {
  alternativeId: string;
  dominatedById: string;
  /** The objectives where the dominator is strictly better. */
  objectiveIds: string[];
}

/**
 * DOMAIN.md "Analysis". Every list is in a canonical order (scores by rank then id, the rest by id), so the result
 * depends only on the table, never on the order its alternatives or objectives were listed in.
 */
export interface PughAnalysis {
  scores: PughScore[];
  /** The single top scorer; null on a tie for the top (and with no alternatives). */
  bestAlternativeId: string | null;
  /** Each dominated alternative once. */
  dominated: Domination[];
  /** Objectives on which every alternative has the same rating (needs 2+ alternatives). */
  irrelevantObjectives: string[];
}

/** A dominates B: A ≥ B on every objective and A > B on at least one. Never true of an alternative and itself. */
export function dominates(table: ConsequencesTable, a: string, b: string): boolean {
  let strictlyBetterSomewhere = false;
  for (const objective of table.objectives) {
    const difference = table.rating(a, objective) - table.rating(b, objective);
    if (difference < 0) return false;
    if (difference > 0) strictlyBetterSomewhere = true;
  }
  return strictlyBetterSomewhere;
}

export function analysePugh(table: ConsequencesTable): PughAnalysis {
  const scoreOf = new Map(table.alternatives.map((a) => [a, table.objectives.reduce((sum, o) => sum + table.rating(a, o), 0)]));
  const scores = [...scoreOf.entries()]
    .map(([alternativeId, score]) => ({ alternativeId, score, rank: 1 + [...scoreOf.values()].filter((other) => other > score).length }))
    .sort((x, y) => x.rank - y.rank || compareIds(x.alternativeId, y.alternativeId));
  const top = scores.filter((s) => s.rank === 1);
  return {
    scores,
    bestAlternativeId: top.length === 1 ? top[0].alternativeId : null,
    dominated: dominations(table, scoreOf),
    irrelevantObjectives: irrelevantObjectives(table),
  };
}

/**
 * Each dominated alternative with one dominator: the highest-scoring one (ties by id). That dominator is itself
 * undominated, since whatever dominated it would dominate the same alternative and score higher still.
 */
function dominations(table: ConsequencesTable, scoreOf: ReadonlyMap<string, number>): Domination[] {
  const result: Domination[] = [];
  for (const b of table.alternatives) {
    const dominator = table.alternatives
      .filter((a) => dominates(table, a, b))
      .sort((x, y) => scoreOf.get(y)! - scoreOf.get(x)! || compareIds(x, y))[0];
    if (dominator === undefined) continue;
    const objectiveIds = table.objectives.filter((o) => table.rating(dominator, o) > table.rating(b, o)).sort(compareIds);
    result.push({ alternativeId: b, dominatedById: dominator, objectiveIds });
  }
  return result.sort((x, y) => compareIds(x.alternativeId, y.alternativeId));
}

function irrelevantObjectives(table: ConsequencesTable): string[] {
  if (table.alternatives.length < 2) return [];
  return table.objectives
    .filter((o) => new Set(table.alternatives.map((a) => table.rating(a, o))).size === 1)
    .sort(compareIds);
}
