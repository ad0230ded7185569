import { TierLimits } from '../../../membership/domain/tier-limits';
import { DomainError } from '../../../shared/domain/domain-errors';
import { COMPONENT_TYPES, type ComponentType } from '../component-type';
import { Cycle } from '../cycle.aggregate';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';

/** Builders and assertions shared by the Cycle aggregate's specs. */
export const SESSION = '0192f0a0-0000-7000-8000-000000000001';
export const CYCLE = '0192f0a0-0000-7000-8000-000000000002';
export const META = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1' };
export const T0 = new Date('2026-01-01T10:00:00.000Z');
export const annual = TierLimits.for('annual');
export const monthly = TierLimits.for('monthly');
export const free = TierLimits.for('free');


export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export function newCycle(): Cycle {
  const cycle = Cycle.create({ sessionId: SESSION, id: CYCLE, now: T0 });
  cycle.pullEvents(META);
  return cycle;
}

/** Starts, fills and completes components in order up to and including `last`. */
export function completeThrough(cycle: Cycle, last: ComponentType, limits = annual): void {
  for (const type of COMPONENT_TYPES.slice(0, COMPONENT_TYPES.indexOf(last) + 1)) {
    if (type === 'decision_quality' && !limits.includesDecisionQuality) continue;
    cycle.startComponent(type, limits);
    cycle.updateComponentOutput(type, SAMPLE_OUTPUTS[type]);
    cycle.completeComponent(type);
  }
}

export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a domain error');
}

/** The command is refused with `code`, and neither state nor events change. */
export function expectRefused(cycle: Cycle, code: string, command: () => unknown): void {
  const before = cycle.toSnapshot();
  const eventsBefore = cycle.raisedEvents.length;
  expect(codeOf(command)).toBe(code);
  expect(cycle.toSnapshot()).toEqual(before);
  expect(cycle.raisedEvents).toHaveLength(eventsBefore);
}
