import { validatePendingEvent } from '@choice-sherpa/events/parse';
import { MEMBERSHIP_TIERS } from '../../membership/domain/membership-tier';
import { TierLimits } from '../../membership/domain/tier-limits';
import { DomainError } from '../../shared/domain/domain-errors';
import { isStarted } from './component-status';
import { COMPONENT_TYPES, type ComponentType } from './component-type';
import { Cycle } from './cycle.aggregate';
import { prerequisiteOf } from './rules/prerequisite-started.rule';
import { pick, SAMPLE_OUTPUTS, seededRandom } from '@choice-sherpa/events/outputs/testing';

const SESSION = '0192f0a0-0000-7000-8000-000000000001';
const META = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1' };

type Step = (cycle: Cycle, type: ComponentType) => unknown;

/**
 * Random command sequences (seeded, so a failure replays): whatever is tried, a refusal changes nothing and raises
 * nothing, a success raises exactly one valid catalog event, and the start order of DOMAIN.md always holds.
 */
describe.each(MEMBERSHIP_TIERS)('Cycle invariants under random commands (%s)', (tier) => {
  const limits = TierLimits.for(tier);
  const steps: Record<string, Step> = {
    start: (cycle, type) => cycle.startComponent(type, limits),
    write: (cycle, type) => cycle.updateComponentOutput(type, SAMPLE_OUTPUTS[type]),
    writeEmpty: (cycle, type) => cycle.updateComponentOutput(type, {}),
    writeInvalid: (cycle, type) => cycle.updateComponentOutput(type, { nope: true }),
    complete: (cycle, type) => cycle.completeComponent(type),
    revise: (cycle, type) => cycle.markComponentForRevision(type, 'look again'),
    completeCycle: (cycle) => cycle.complete(limits, 77),
    archive: (cycle) => cycle.archive(),
  };
  const names = Object.keys(steps);

  it.each([1, 2, 3])('seed %i', (seed) => {
    const random = seededRandom(seed * 7919 + tier.length);
    const cycle = Cycle.create({ sessionId: SESSION });
    cycle.pullEvents(META);
    let successes = 0;
    const validatedTypes = new Set<string>();
    for (let i = 0; i < 150; i++) {
      // Component work first; the terminal commands only near the end, so runs get deep into the cycle.
      const name = i >= 130 && random() < 0.2 ? pick(random, ['completeCycle', 'archive']) : pick(random, names.slice(0, 6));
      // Mostly the started components and the next one, sometimes any: both successes and refusals are exercised.
      const frontier = COMPONENT_TYPES.findIndex((t) => !isStarted(cycle.statusOf(t)));
      const reachable = frontier === -1 ? COMPONENT_TYPES : COMPONENT_TYPES.slice(0, frontier + 1);
      const type = pick(random, random() < 0.8 ? reachable : COMPONENT_TYPES);
      const before = JSON.stringify(cycle.toSnapshot());
      try {
        steps[name](cycle, type);
        successes++;
        expect(cycle.raisedEvents).toHaveLength(1);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(JSON.stringify(cycle.toSnapshot())).toBe(before);
        expect(cycle.raisedEvents).toHaveLength(0);
      }
      for (const event of cycle.pullEvents(META)) {
        expect(event.payload.session_id).toBe(SESSION);
        // the full catalog validation is slow-ish: once per event type is enough to prove the shapes
        if (!validatedTypes.has(event.event_type)) expect(validatePendingEvent(event)).toEqual({ ok: true });
        validatedTypes.add(event.event_type);
      }
      for (const type of COMPONENT_TYPES) {
        const prerequisite = prerequisiteOf(type, limits);
        if (isStarted(cycle.statusOf(type)) && prerequisite) expect(isStarted(cycle.statusOf(prerequisite))).toBe(true);
      }
      if (!limits.includesDecisionQuality) expect(cycle.statusOf('decision_quality')).toBe('not_started');
      if (cycle.status === 'completed') expect(cycle.statusOf('recommendation')).toBe('complete');
      if (i % 25 === 0) expect(Cycle.fromSnapshot(cycle.toSnapshot()).toSnapshot()).toEqual(cycle.toSnapshot());
    }
    expect(successes).toBeGreaterThan(20);
  });
});
