import { causedBy, createEvent, EventEnvelope, PendingEventOf } from '@choice-sherpa/events';
import type { DqAssessment } from '../domain/dq/dq-assessment';
import type { PughAnalysis } from '../domain/pugh/pugh-analysis';

/** The cycle a result belongs to and the event it was computed from (its cause). */
export interface AnalysisSubject {
  cycleId: string;
  sessionId: string;
  cause: Pick<EventEnvelope, 'event_id' | 'metadata'>;
}

export function pughComputed(subject: AnalysisSubject, pugh: PughAnalysis, computedAt: Date): PendingEventOf<'analysis.pugh_computed'> {
  return createEvent('analysis.pugh_computed', {
    aggregateId: subject.cycleId,
    occurredAt: computedAt,
    metadata: causedBy(subject.cause),
    payload: {
      cycle_id: subject.cycleId,
      session_id: subject.sessionId,
      scores: Object.fromEntries(pugh.scores.map((s) => [s.alternativeId, s.score])),
      ranks: Object.fromEntries(pugh.scores.map((s) => [s.alternativeId, s.rank])),
      best_alternative_id: pugh.bestAlternativeId,
      dominated_alternatives: pugh.dominated.map((d) => ({ alternative_id: d.alternativeId, dominated_by_id: d.dominatedById, objective_ids: d.objectiveIds })),
      irrelevant_objectives: pugh.irrelevantObjectives,
      computed_at: computedAt.toISOString(),
    },
  });
}

export function dqComputed(subject: AnalysisSubject, dq: DqAssessment, computedAt: Date): PendingEventOf<'analysis.dq_computed'> {
  return createEvent('analysis.dq_computed', {
    aggregateId: subject.cycleId,
    occurredAt: computedAt,
    metadata: causedBy(subject.cause),
    payload: {
      cycle_id: subject.cycleId,
      session_id: subject.sessionId,
      element_scores: dq.elements.map((e) => ({ name: e.name, score: e.score, improvement_priority: e.priority })),
      overall_score: dq.overallScore,
      acceptable: dq.acceptable,
      computed_at: computedAt.toISOString(),
    },
  });
}
