import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';

export interface ConsequencesBacklog {
  events: EventEnvelope[];
  cycles: number;
}

/**
 * `count` component.completed events of consequences with an `alternatives` × `objectives` table (every cell rated,
 * ratings drawn at random), spread over `cycles` cycles; each cycle's completions carry increasing sequences, as
 * revisions completed again would, so every one is a recomputation that replaces the last.
 */
export function consequencesBacklog(count: number, cycles: number, alternatives = 10, objectives = 10): ConsequencesBacklog {
  const cycleIds = Array.from({ length: cycles }, () => ({ cycle: randomUUID(), session: randomUUID() }));
  const alternativeIds = Array.from({ length: alternatives }, (_, i) => `alt-${i + 1}`);
  const objectiveIds = Array.from({ length: objectives }, (_, i) => `obj-${i + 1}`);
  const events = Array.from({ length: count }, (_, i): EventEnvelope => {
    const { cycle, session } = cycleIds[i % cycles];
    const cells = Object.fromEntries(
      alternativeIds.flatMap((a) => objectiveIds.map((o) => [`${a}:${o}`, { rating: Math.floor(Math.random() * 5) - 2, rationale: 'estimated from last year' }])),
    );
    return {
      event_id: randomUUID(),
      event_type: 'component.completed',
      aggregate_id: cycle,
      aggregate_type: 'cycle',
      occurred_at: new Date().toISOString(),
      payload: {
        cycle_id: cycle,
        session_id: session,
        component_id: randomUUID(),
        component_type: 'consequences',
        output: { alternative_ids: alternativeIds, objective_ids: objectiveIds, cells },
        completed_at: new Date().toISOString(),
      },
      metadata: { correlation_id: randomUUID(), causation_id: null, user_id: 'bench-user', trace_id: null },
      schema_version: 1,
      sequence: Math.floor(i / cycles) + 1,
    };
  });
  return { events, cycles };
}

/** A tradeoffs output (a component the worker skips) over the same 10 × 10 ids, valid under its schema. */
export function tradeoffsOutput(alternatives = 10, objectives = 10): Record<string, unknown> {
  const objectiveIds = Array.from({ length: objectives }, (_, i) => `obj-${i + 1}`);
  return {
    dominated_alternatives: [{ alternative_id: 'alt-2', dominated_by_id: 'alt-1', explanation: 'worse or equal on every objective' }],
    irrelevant_objectives: [{ objective_id: 'obj-10', reason: 'every alternative is rated the same' }],
    tensions: Array.from({ length: alternatives }, (_, i) => ({
      alternative_id: `alt-${i + 1}`,
      gains: objectiveIds.slice(0, objectives / 2),
      losses: objectiveIds.slice(objectives / 2),
    })),
  };
}
