/**
 * Each producer numbers its own events per aggregate, so the position is kept per (producer, aggregate):
 * analysis-worker's events for a cycle carry the cycle id as aggregate id but count from 1 in its own outbox,
 * independently of session-cycle's events for the same cycle.
 */
export const SEQUENCE_SOURCES = ['session-cycle', 'conversation', 'analysis-worker'] as const;
export type SequenceSource = (typeof SEQUENCE_SOURCES)[number];

/** Sorted by source, then aggregate key: every read lists positions in the same order. */
export function byPosition(a: SequencePosition, b: SequencePosition): number {
  return a.source.localeCompare(b.source) || a.aggregate_key.localeCompare(b.aggregate_key);
}

const SOURCE_BY_MODULE: Record<string, SequenceSource> = {
  session: 'session-cycle',
  cycle: 'session-cycle',
  component: 'session-cycle',
  conversation: 'conversation',
  analysis: 'analysis-worker',
};

export function sequenceSourceOf(eventType: string): SequenceSource | undefined {
  return SOURCE_BY_MODULE[eventType.split('.')[0]];
}

/**
 * How far the read model has applied one aggregate's events. Views carry these so that a client applying live
 * events on top of a view can tell which events the view already holds (sequence <= this) by the same rule.
 */
export interface SequencePosition {
  source: SequenceSource;
  aggregate_key: string;
  sequence: number;
}

export function aggregateKey(aggregateType: string, aggregateId: string): string {
  return `${aggregateType}:${aggregateId}`;
}

export type SequenceDecision =
  | { kind: 'next' }
  | { kind: 'stale'; last: number }
  | { kind: 'gap'; expected: number };

/**
 * `sequence <= last` is a duplicate or a stale redelivery: ignored. A jump past `last + 1` means events were lost
 * upstream (the transport keeps per-aggregate order, so the missing ones will not come later): the event is
 * applied anyway and the gap recorded. Parking it instead would freeze the aggregate's view for good, while our
 * events carry whole states (a status, a full output), so applying the newer one converges; `rebuild` re-derives
 * everything once the missing events are back in the streams (e.g. re-published from the outbox).
 */
export function decideSequence(last: number | undefined, sequence: number): SequenceDecision {
  const previous = last ?? 0;
  if (sequence <= previous) return { kind: 'stale', last: previous };
  if (sequence > previous + 1) return { kind: 'gap', expected: previous + 1 };
  return { kind: 'next' };
}
