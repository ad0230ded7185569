import { randomUUID } from 'node:crypto';
import { createEvent, EventPayloadMap, EventType, TypedEvent } from '@choice-sherpa/events';

/**
 * Test support: events as their producers commit them, with per-(producer, aggregate) sequences from 1 and the
 * command's user in the metadata.
 */
export class NotifierEvents {
  private readonly sequences = new Map<string, number>();

  event<T extends EventType>(type: T, aggregateId: string, payload: EventPayloadMap[T], userId: string | null = null): TypedEvent<T> {
    const key = `${type.startsWith('analysis.') ? 'analysis' : 'core'}|${aggregateId}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    const pending = createEvent(type, { aggregateId, payload, metadata: { correlationId: randomUUID(), userId } });
    return { ...pending, sequence } as TypedEvent<T>;
  }

  membershipCreated(userId: string, email: string, tier: 'free' | 'monthly' | 'annual' = 'monthly', membershipId: string = randomUUID()) {
    return this.event('membership.created', membershipId, { membership_id: membershipId, user_id: userId, email, tier }, userId);
  }

  membershipUpgraded(membershipId: string, userId: string, email: string, oldTier: 'free' | 'monthly', newTier: 'monthly' | 'annual') {
    return this.event('membership.upgraded', membershipId, { membership_id: membershipId, user_id: userId, email, old_tier: oldTier, new_tier: newTier }, userId);
  }

  membershipCancelled(membershipId: string, userId: string, email: string, cancelledAt = '2026-12-01T10:00:00.000Z') {
    return this.event('membership.cancelled', membershipId, { membership_id: membershipId, user_id: userId, email, cancelled_at: cancelledAt, reason: 'too expensive' }, userId);
  }

  sessionCreated(userId: string, title: string, sessionId: string = randomUUID()) {
    return this.event('session.created', sessionId, { session_id: sessionId, user_id: userId, title, created_at: new Date().toISOString() }, userId);
  }

  sessionRenamed(sessionId: string, userId: string, oldTitle: string, newTitle: string) {
    return this.event('session.renamed', sessionId, { session_id: sessionId, old_title: oldTitle, new_title: newTitle }, userId);
  }

  alternativesOutput(sessionId: string, cycleId: string, userId: string, alternatives: { id: string; name: string }[]) {
    const output = { alternatives: alternatives.map((alternative) => ({ ...alternative, assumptions: [] })), status_quo_id: alternatives[0].id };
    return this.event('component.output_updated', cycleId, {
      cycle_id: cycleId, session_id: sessionId, component_id: randomUUID(), component_type: 'alternatives', output, output_summary: `${alternatives.length} alternatives`, updated_at: new Date().toISOString(),
    } as EventPayloadMap['component.output_updated'], userId);
  }

  cycleBranched(sessionId: string, parentCycleId: string, at: 'issue_raising' | 'alternatives' | 'consequences', userId: string, cycleId: string = randomUUID()) {
    return this.event('cycle.branched', cycleId, {
      cycle_id: cycleId, session_id: sessionId, parent_cycle_id: parentCycleId, branch_point_component: at, branched_at: new Date().toISOString(),
    }, userId);
  }

  /** Without `best`, as the worker wrote it before it sent best_alternative_id. */
  pughComputed(sessionId: string, cycleId: string, scores: Record<string, number>, best?: string | null) {
    return this.event('analysis.pugh_computed', cycleId, {
      cycle_id: cycleId, session_id: sessionId, scores, dominated_alternatives: [], irrelevant_objectives: [], computed_at: new Date().toISOString(),
      ...(best !== undefined ? { best_alternative_id: best } : {}),
    });
  }

  cycleCompleted(sessionId: string, cycleId: string, userId: string | null, dqScore: number | null) {
    return this.event('cycle.completed', cycleId, { cycle_id: cycleId, session_id: sessionId, dq_score: dqScore, completed_at: new Date().toISOString() }, userId);
  }
}
