import { randomUUID } from 'node:crypto';
import { createEvent, EventPayloadMap, EventType, TypedEvent, AnyEvent } from '@choice-sherpa/events';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import type { ComponentType } from '../../src/dashboard/domain/component-types';
import { sequenceSourceOf } from '../../src/dashboard/domain/sequence-position';

/**
 * Test support: the events of a decision as the producers would commit them: per-(producer, aggregate) sequences
 * from 1, one second apart on a fixed clock, so every run builds the same times.
 */
export class JourneyEvents {
  readonly all: AnyEvent[] = [];
  private readonly sequences = new Map<string, number>();
  private clock: number;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.clock = Date.parse(start);
  }

  now(): string {
    return new Date(this.clock).toISOString();
  }

  event<T extends EventType>(type: T, aggregateId: string, payload: EventPayloadMap[T], userId: string | null = null): TypedEvent<T> {
    this.clock += 1000;
    const key = `${sequenceSourceOf(type)}|${aggregateId}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    const pending = createEvent(type, { aggregateId, payload, metadata: { correlationId: randomUUID(), userId }, occurredAt: new Date(this.clock) });
    const event = { ...pending, sequence } as TypedEvent<T>;
    this.all.push(event as AnyEvent);
    return event;
  }

  sessionCreated(userId: string, title = 'Which job offer?', sessionId: string = randomUUID()) {
    return this.event('session.created', sessionId, { session_id: sessionId, user_id: userId, title, created_at: this.now() }, userId);
  }

  sessionRenamed(sessionId: string, oldTitle: string, newTitle: string) {
    return this.event('session.renamed', sessionId, { session_id: sessionId, old_title: oldTitle, new_title: newTitle });
  }

  sessionArchived(sessionId: string) {
    return this.event('session.archived', sessionId, { session_id: sessionId, archived_at: this.now() });
  }

  cycleCreated(sessionId: string, cycleId: string = randomUUID(), parentCycleId: string | null = null) {
    return this.event('cycle.created', cycleId, { cycle_id: cycleId, session_id: sessionId, parent_cycle_id: parentCycleId, created_at: this.now() });
  }

  /** cycle.created + cycle.branched of the new cycle, as the branch command commits them. */
  branch(sessionId: string, parentCycleId: string, at: ComponentType, cycleId: string = randomUUID()) {
    this.cycleCreated(sessionId, cycleId, parentCycleId);
    return this.event('cycle.branched', cycleId, {
      cycle_id: cycleId,
      session_id: sessionId,
      parent_cycle_id: parentCycleId,
      branch_point_component: at,
      branched_at: this.now(),
    });
  }

  cycleCompleted(sessionId: string, cycleId: string, dqScore: number | null = null) {
    return this.event('cycle.completed', cycleId, { cycle_id: cycleId, session_id: sessionId, dq_score: dqScore, completed_at: this.now() });
  }

  cycleArchived(sessionId: string, cycleId: string) {
    return this.event('cycle.archived', cycleId, { cycle_id: cycleId, session_id: sessionId, archived_at: this.now() });
  }

  componentStarted(sessionId: string, cycleId: string, type: ComponentType) {
    return this.event('component.started', cycleId, { ...this.component(sessionId, cycleId, type), started_at: this.now() });
  }

  componentOutput(sessionId: string, cycleId: string, type: ComponentType, output: Record<string, unknown>, summary = 'summary') {
    return this.event('component.output_updated', cycleId, { ...this.component(sessionId, cycleId, type), output, output_summary: summary, updated_at: this.now() });
  }

  /** `output` defaults to `{}`: completed without an output. */
  componentCompleted(sessionId: string, cycleId: string, type: ComponentType, output: Record<string, unknown> = {}) {
    return this.event('component.completed', cycleId, { ...this.component(sessionId, cycleId, type), output, completed_at: this.now() });
  }

  componentRevised(sessionId: string, cycleId: string, type: ComponentType, reason = 'Missed something') {
    return this.event('component.marked_for_revision', cycleId, { ...this.component(sessionId, cycleId, type), reason, marked_at: this.now() });
  }

  /** started + completed */
  finish(sessionId: string, cycleId: string, type: ComponentType, output?: Record<string, unknown>) {
    this.componentStarted(sessionId, cycleId, type);
    return this.componentCompleted(sessionId, cycleId, type, output);
  }

  conversationStarted(sessionId: string, cycleId: string, type: ComponentType, conversationId: string = randomUUID()) {
    return this.event('conversation.started', conversationId, {
      conversation_id: conversationId,
      ...this.component(sessionId, cycleId, type),
      started_at: this.now(),
    });
  }

  messageSent(sessionId: string, conversationId: string, role: 'user' | 'assistant' | 'system' = 'user') {
    return this.event('conversation.message_sent', conversationId, {
      conversation_id: conversationId,
      session_id: sessionId,
      message_id: randomUUID(),
      role,
      content_preview: 'hello',
      sent_at: this.now(),
    });
  }

  dataExtracted(sessionId: string, cycleId: string, type: ComponentType, conversationId: string, output: Record<string, unknown> = SAMPLE_OUTPUTS[type]) {
    return this.event('conversation.data_extracted', conversationId, {
      conversation_id: conversationId,
      ...this.component(sessionId, cycleId, type),
      output,
      extraction_summary: 'extracted',
      extracted_at: this.now(),
    });
  }

  pughComputed(sessionId: string, cycleId: string, scores: Record<string, number>) {
    return this.event('analysis.pugh_computed', cycleId, {
      cycle_id: cycleId,
      session_id: sessionId,
      scores,
      dominated_alternatives: [],
      irrelevant_objectives: [],
      computed_at: this.now(),
    });
  }

  dqComputed(sessionId: string, cycleId: string, elementScores: Array<{ name: string; score: number }>) {
    return this.event('analysis.dq_computed', cycleId, {
      cycle_id: cycleId,
      session_id: sessionId,
      element_scores: elementScores,
      overall_score: Math.min(...elementScores.map((e) => e.score)),
      computed_at: this.now(),
    });
  }

  private readonly componentIds = new Map<string, string>();

  private component(sessionId: string, cycleId: string, type: ComponentType) {
    const key = `${cycleId}|${type}`;
    if (!this.componentIds.has(key)) this.componentIds.set(key, randomUUID());
    return { cycle_id: cycleId, session_id: sessionId, component_id: this.componentIds.get(key)!, component_type: type };
  }
}
