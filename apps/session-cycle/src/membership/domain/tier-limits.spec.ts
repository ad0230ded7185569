import { TierLimitError } from '../../shared/domain/domain-errors';
import { CountWithinTierLimitRule, DecisionQualityInTierRule, TierLimits } from './tier-limits';

function limitError(fn: () => void): TierLimitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TierLimitError);
    return error as TierLimitError;
  }
  throw new Error('expected TIER_LIMIT');
}

describe('TierLimits', () => {
  it('has the table of DOMAIN.md', () => {
    const row = (tier: 'free' | 'monthly' | 'annual') => {
      const l = TierLimits.for(tier);
      return [l.maxActiveSessions, l.maxCyclesPerSession, l.maxAiMessagesPerDay, l.includesDecisionQuality];
    };
    expect(row('free')).toEqual([3, 2, 50, false]);
    expect(row('monthly')).toEqual([10, 5, 200, true]);
    expect(row('annual')).toEqual([null, null, null, true]);
  });

  it('free: a 4th active session is refused with details and the tier that allows it', () => {
    const free = TierLimits.for('free');
    free.checkActiveSessions(2);
    const error = limitError(() => free.checkActiveSessions(3));
    expect(error).toMatchObject({ code: 'TIER_LIMIT', kind: 'forbidden', rule: 'CountWithinTierLimit' });
    expect(error.details).toEqual({ limit: 'active_sessions', current: 3, max: 3, required_tier: 'monthly' });
  });

  it('monthly: the 11th active session needs annual', () => {
    expect(limitError(() => TierLimits.for('monthly').checkActiveSessions(10)).details).toEqual({
      limit: 'active_sessions',
      current: 10,
      max: 10,
      required_tier: 'annual',
    });
  });

  it('cycles per session: free 2, monthly 5, annual unlimited', () => {
    TierLimits.for('free').checkCyclesPerSession(1);
    expect(limitError(() => TierLimits.for('free').checkCyclesPerSession(2)).details).toEqual({
      limit: 'cycles_per_session',
      current: 2,
      max: 2,
      required_tier: 'monthly',
    });
    TierLimits.for('monthly').checkCyclesPerSession(4);
    expect(limitError(() => TierLimits.for('monthly').checkCyclesPerSession(5)).details.required_tier).toBe('annual');
    TierLimits.for('annual').checkCyclesPerSession(10_000);
    TierLimits.for('annual').checkActiveSessions(10_000);
  });

  it('names the lowest tier that allows the count (free at 5 cycles needs annual, not monthly)', () => {
    expect(new CountWithinTierLimitRule('free', 'cyclesPerSession', 5).error().details.required_tier).toBe('annual');
  });

  it('AI messages per day: 50 / 200 / unlimited', () => {
    TierLimits.for('free').checkAiMessagesToday(49);
    expect(limitError(() => TierLimits.for('free').checkAiMessagesToday(50)).details.limit).toBe('ai_messages_per_day');
    expect(limitError(() => TierLimits.for('monthly').checkAiMessagesToday(200)).details.max).toBe(200);
    TierLimits.for('annual').checkAiMessagesToday(1_000_000);
  });

  it('decision_quality only from monthly', () => {
    expect(limitError(() => TierLimits.for('free').checkDecisionQualityAccess()).details).toEqual({
      limit: 'decision_quality',
      current: 0,
      max: 0,
      required_tier: 'monthly',
    });
    TierLimits.for('monthly').checkDecisionQualityAccess();
    expect(new DecisionQualityInTierRule('annual').isBroken()).toBe(false);
  });
});
