import { TierLimits } from '../../membership/domain/tier-limits';
import { COMPONENT_TYPES } from './component-type';
import { Cycle } from './cycle.aggregate';
import { SAMPLE_OUTPUTS } from './testing/sample-outputs';

const SESSION = '0192f0a0-0000-7000-8000-000000000001';
const META = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1' };

describe('Cycle (smoke)', () => {
  it('walks all nine components and completes on the annual tier', () => {
    const cycle = Cycle.create({ sessionId: SESSION });
    const limits = TierLimits.for('annual');
    for (const type of COMPONENT_TYPES) {
      cycle.startComponent(type, limits);
      cycle.updateComponentOutput(type, SAMPLE_OUTPUTS[type]);
      cycle.completeComponent(type);
    }
    cycle.complete(limits, 70);
    const events = cycle.pullEvents(META);
    expect(events[0].event_type).toBe('cycle.created');
    expect(events.at(-1)?.payload).toMatchObject({ dq_score: 70, session_id: SESSION });
    expect(events).toHaveLength(1 + 9 * 3 + 1);
  });
});
