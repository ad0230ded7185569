/**
 * Each producer numbers its own events per aggregate, so the position is kept per (producer, aggregate):
 * analysis-worker's events for a cycle carry the cycle id as aggregate id but count from 1 in its own outbox,
 * independently of session-cycle's events for the same cycle.
 */
export type SequenceSource = 'session-cycle' | 'conversation' | 'analysis-worker';

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
