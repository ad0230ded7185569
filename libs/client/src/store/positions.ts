import type { SequencePosition } from '../http/api-types';
import { LiveEvent, positionKey, positionKeyOf } from '../events/live-event';

export type SequenceDecision = 'apply' | 'apply_after_gap' | 'stale';

/**
 * The projector's rule (apps/dashboard-projector, sequence-position.ts) on the client: per (producer, aggregate),
 * an event at or below the last applied sequence is a duplicate or stale and is ignored; one past `last + 1` is
 * applied all the same (events carry whole states) but tells the caller that the view missed something.
 */
export class Positions {
  private constructor(private readonly last: ReadonlyMap<string, number>) {}

  static of(positions: readonly SequencePosition[]): Positions {
    return new Positions(new Map(positions.map((p) => [positionKey(p.source, p.aggregate_key), p.sequence])));
  }

  decide(event: LiveEvent): SequenceDecision {
    const last = this.last.get(positionKeyOf(event)) ?? 0;
    if (event.sequence <= last) return 'stale';
    return event.sequence > last + 1 ? 'apply_after_gap' : 'apply';
  }

  after(event: LiveEvent): Positions {
    const next = new Map(this.last);
    next.set(positionKeyOf(event), event.sequence);
    return new Positions(next);
  }

  /** Whether these positions hold every event the other positions hold (this view is at least as new). */
  covers(other: Positions): boolean {
    for (const [key, sequence] of other.last) if ((this.last.get(key) ?? 0) < sequence) return false;
    return true;
  }

  includes(event: LiveEvent): boolean {
    return (this.last.get(positionKeyOf(event)) ?? 0) >= event.sequence;
  }
}

/** A read model from HTTP with the positions it was read at, kept current by applying live events. */
export interface Baseline<T> {
  value: T;
  positions: Positions;
}

/** Applies `event` to a baseline by the rule; `gap` says the view missed an event of that aggregate. */
export function applyToBaseline<T>(
  baseline: Baseline<T>,
  event: LiveEvent,
  reduce: (value: T, event: LiveEvent) => T,
): { baseline: Baseline<T>; applied: boolean; gap: boolean } {
  const decision = baseline.positions.decide(event);
  if (decision === 'stale') return { baseline, applied: false, gap: false };
  return { baseline: { value: reduce(baseline.value, event), positions: baseline.positions.after(event) }, applied: true, gap: decision === 'apply_after_gap' };
}
