import { dqView, pughView } from './analysis-results';
import type { SessionStatus } from './component-types';
import { Progress } from './progress';
import type { CycleRecord } from './read-model';
import type { SequencePosition } from './sequence-position';
import type { SessionSnapshot } from './session-records';
import { cycleView } from './session-view';

export interface OverviewEntry {
  session_id: string;
  title: string | null;
  status: SessionStatus;
  created_at: string | null;
  last_updated_at: string;
  cycle_count: number;
  /** the newest active cycle, else the newest cycle */
  current_cycle_id: string | null;
  progress: Progress | null;
  latest_scores: {
    pugh_best_alternative_id: string | null;
    pugh_computed_at: string | null;
    dq_score: number | null;
    dq_computed_at: string | null;
  };
  /** the session's positions: a client refreshing on live events sees whether this entry includes them */
  positions: SequencePosition[];
}

export interface Overview {
  sessions: OverviewEntry[];
}

export function overviewEntry(snapshot: SessionSnapshot): OverviewEntry {
  const cycles = snapshot.orderedCycles();
  const current = [...cycles].reverse().find((c) => c.status === 'active') ?? cycles[cycles.length - 1];
  const { session_id, title, status, created_at } = snapshot.session;
  return {
    session_id,
    title,
    status,
    created_at,
    last_updated_at: snapshot.lastUpdatedAt(),
    cycle_count: cycles.length,
    current_cycle_id: current?.cycle_id ?? null,
    progress: current ? cycleView(snapshot, current.cycle_id).progress : null,
    latest_scores: latestScores(snapshot, cycles),
    positions: snapshot.records.positions,
  };
}

/** Most recently updated sessions first. */
export function overview(snapshots: SessionSnapshot[]): Overview {
  const sessions = snapshots
    .map(overviewEntry)
    .sort((a, b) => Date.parse(b.last_updated_at) - Date.parse(a.last_updated_at) || a.session_id.localeCompare(b.session_id));
  return { sessions };
}

function latestScores(snapshot: SessionSnapshot, cycles: CycleRecord[]): OverviewEntry['latest_scores'] {
  const pughs = cycles.map((c) => pughView(snapshot.analysis(c.cycle_id))).filter((p) => p !== null);
  const dqs = cycles
    .map((c) => ({ view: dqView(snapshot.analysis(c.cycle_id), c), at: snapshot.analysis(c.cycle_id)?.dq?.computed_at ?? c.completed_at }))
    .filter((d) => d.view !== null);
  const pugh = pughs.reduce<(typeof pughs)[number] | undefined>((best, p) => (!best || Date.parse(p.computed_at) >= Date.parse(best.computed_at) ? p : best), undefined);
  const dq = dqs.reduce<(typeof dqs)[number] | undefined>((best, d) => (!best || Date.parse(d.at ?? '') >= Date.parse(best.at ?? '') ? d : best), undefined);
  return {
    pugh_best_alternative_id: pugh?.best_alternative_id ?? null,
    pugh_computed_at: pugh?.computed_at ?? null,
    dq_score: dq?.view?.overall_score ?? null,
    dq_computed_at: dq?.at ?? null,
  };
}
