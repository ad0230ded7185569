import type { Cycle } from '../domain/cycle.aggregate';

/** What cycle commands and queries answer: the aggregate as saved (or read) and its DQ score, if analysis sent one. */
export interface CycleView {
  cycle: Cycle;
  dqScore: number | null;
}
