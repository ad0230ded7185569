import { TierLimits } from '../../membership/domain/tier-limits';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { SESSION, CYCLE, META, annual, monthly, free, at, newCycle, completeThrough, expectRefused } from './spec-support/cycle-builders';

describe('completing the cycle', () => {
  it('free: needs recommendation complete, and never carries a DQ score', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'tradeoffs', free);
    expectRefused(cycle, 'CYCLE_INCOMPLETE', () => cycle.complete(free, null));
    cycle.startComponent('recommendation', free);
    cycle.updateComponentOutput('recommendation', SAMPLE_OUTPUTS.recommendation);
    cycle.completeComponent('recommendation');
    cycle.pullEvents(META);
    cycle.complete(free, 75, at(20));
    const [event] = cycle.pullEvents(META);
    expect(event).toMatchObject({
      event_type: 'cycle.completed',
      payload: { cycle_id: CYCLE, session_id: SESSION, dq_score: null, completed_at: at(20).toISOString() },
    });
    expect(cycle).toMatchObject({ status: 'completed', completedAt: at(20) });
  });

  it.each(['monthly', 'annual'] as const)('%s: needs decision_quality complete as well, and carries the DQ score', (tier) => {
    const limits = TierLimits.for(tier);
    const cycle = newCycle();
    completeThrough(cycle, 'recommendation', limits);
    expectRefused(cycle, 'CYCLE_INCOMPLETE', () => cycle.complete(limits, null));
    cycle.startComponent('decision_quality', limits);
    cycle.updateComponentOutput('decision_quality', SAMPLE_OUTPUTS.decision_quality);
    cycle.completeComponent('decision_quality');
    cycle.pullEvents(META);
    cycle.complete(limits, 70);
    expect(cycle.pullEvents(META)[0].payload).toMatchObject({ dq_score: 70 });
  });

  it('carries null when no DQ score is known yet', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'decision_quality');
    cycle.pullEvents(META);
    cycle.complete(annual, null);
    expect(cycle.pullEvents(META)[0].payload).toMatchObject({ dq_score: null });
  });

  it('does not need notes_next_steps, and freezes the cycle afterwards', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'decision_quality');
    cycle.startComponent('notes_next_steps', annual);
    cycle.complete(annual, 70);
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.updateComponentOutput('notes_next_steps', {}));
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.completeComponent('notes_next_steps'));
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.markComponentForRevision('objectives', 'x'));
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.complete(annual, 70));
    expect(cycle.acceptsOutput('notes_next_steps')).toBe(false);
  });
});

describe('archiving', () => {
  it('archives an active cycle and raises cycle.archived', () => {
    const cycle = newCycle();
    cycle.archive(at(30));
    expect(cycle.pullEvents(META).map((e) => [e.event_type, e.payload])).toEqual([
      ['cycle.archived', { cycle_id: CYCLE, session_id: SESSION, archived_at: at(30).toISOString() }],
    ]);
    expect(cycle).toMatchObject({ status: 'archived', archivedAt: at(30) });
  });

  it('archives a completed cycle', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'recommendation', free);
    cycle.complete(free, null);
    cycle.archive();
    expect(cycle.status).toBe('archived');
  });

  it('refuses archiving twice, and any change to an archived cycle', () => {
    const cycle = newCycle();
    cycle.archive();
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.archive());
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.startComponent('issue_raising', annual));
    expectRefused(cycle, 'CYCLE_NOT_ACTIVE', () => cycle.complete(annual, null));
  });
});
