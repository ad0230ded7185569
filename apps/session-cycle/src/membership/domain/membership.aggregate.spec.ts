import { validatePendingEvent } from '@choice-sherpa/events/parse';
import { DomainError } from '../../shared/domain/domain-errors';
import { Membership } from './membership.aggregate';
import { MEMBERSHIP_STATUSES, MEMBERSHIP_TRANSITIONS } from './membership-status';
import { MEMBERSHIP_TIERS, type MembershipTier } from './membership-tier';
import { TierUpgradeRule } from './membership.rules';

const ID = '0192f0a0-0000-7000-8000-000000000007';
const META = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1' };
const T0 = new Date('2026-01-01T10:00:00.000Z');

function member(tier: MembershipTier = 'free'): Membership {
  const membership = Membership.create({ id: ID, userId: 'user-1', email: 'sam@example.com', tier, now: T0 });
  membership.pullEvents(META);
  return membership;
}

function refusal(membership: Membership, command: () => unknown): DomainError {
  const before = membership.toSnapshot();
  try {
    command();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(membership.toSnapshot()).toEqual(before);
    expect(membership.raisedEvents).toEqual([]);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('Membership.create', () => {
  it('is active in its tier and raises membership.created with the email', () => {
    const membership = Membership.create({ id: ID, userId: 'user-1', email: ' sam@example.com ', tier: 'monthly', now: T0 });
    expect(membership).toMatchObject({ status: 'active', tier: 'monthly', effectiveTier: 'monthly', email: 'sam@example.com' });
    const events = membership.pullEvents(META);
    expect(events.map((e) => [e.event_type, e.aggregate_type, e.payload])).toEqual([
      ['membership.created', 'membership', { membership_id: ID, user_id: 'user-1', email: 'sam@example.com', tier: 'monthly' }],
    ]);
    expect(validatePendingEvent(events[0])).toEqual({ ok: true });
  });

  it('refuses a blank user id', () => {
    expect(() => Membership.create({ userId: ' ', email: 'a@b.c', tier: 'free' })).toThrow(expect.objectContaining({ rule: 'UserId' }));
  });

  it('refuses an unknown tier and a bad email', () => {
    expect(() => Membership.create({ userId: 'u', email: 'a@b.c', tier: 'gold' as never })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    for (const email of ['no-at-sign', 'a b@c.d', `${'x'.repeat(320)}@example.com`]) {
      expect(() => Membership.create({ userId: 'u', email, tier: 'free' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', rule: 'MembershipEmail' }));
    }
  });
});

describe('upgrade', () => {
  const upgrades = MEMBERSHIP_TIERS.flatMap((from) => MEMBERSHIP_TIERS.map((to) => [from, to] as const));

  it.each(upgrades)('%s -> %s', (from, to) => {
    const membership = member(from);
    const raises = MEMBERSHIP_TIERS.indexOf(to) > MEMBERSHIP_TIERS.indexOf(from);
    expect(new TierUpgradeRule(from, to).isBroken()).toBe(!raises);
    if (raises) {
      membership.upgrade(to);
      expect(membership.tier).toBe(to);
      const [event] = membership.pullEvents(META);
      expect(event).toMatchObject({ event_type: 'membership.upgraded', payload: { membership_id: ID, user_id: 'user-1', email: 'sam@example.com', old_tier: from, new_tier: to } });
      expect(validatePendingEvent(event)).toEqual({ ok: true });
    } else {
      expect(refusal(membership, () => membership.upgrade(to))).toMatchObject({ code: 'TIER_DOWNGRADE', kind: 'conflict', rule: 'TierUpgrade' });
    }
  });

  it('refuses upgrading a cancelled or expired membership', () => {
    const cancelled = member('free');
    cancelled.cancel();
    cancelled.pullEvents(META);
    expect(refusal(cancelled, () => cancelled.upgrade('annual')).code).toBe('MEMBERSHIP_NOT_ACTIVE');
    const expired = member('free');
    expired.expire();
    expect(refusal(expired, () => expired.upgrade('annual')).code).toBe('MEMBERSHIP_NOT_ACTIVE');
  });

  it('allows upgrading while past_due', () => {
    const membership = member('monthly');
    membership.markPastDue();
    membership.upgrade('annual');
    expect(membership.tier).toBe('annual');
  });

  it('refuses an unknown tier', () => {
    const membership = member();
    expect(refusal(membership, () => membership.upgrade('platinum' as never)).code).toBe('VALIDATION_FAILED');
  });
});

describe('cancel', () => {
  it('cancels with a trimmed reason and raises membership.cancelled', () => {
    const at = new Date('2026-02-01T00:00:00.000Z');
    const membership = member('annual');
    membership.cancel('  too expensive ', at);
    expect(membership).toMatchObject({ status: 'cancelled', cancelReason: 'too expensive', cancelledAt: at, effectiveTier: 'free' });
    const [event] = membership.pullEvents(META);
    expect(event.payload).toEqual({ membership_id: ID, user_id: 'user-1', email: 'sam@example.com', cancelled_at: at.toISOString(), reason: 'too expensive' });
    expect(validatePendingEvent(event)).toEqual({ ok: true });
  });

  it('carries a null reason when none is given', () => {
    const membership = member();
    membership.cancel();
    expect(membership.raisedEvents[0].payload).toMatchObject({ reason: null });
  });

  it('refuses cancelling twice and an oversized reason', () => {
    const membership = member();
    expect(refusal(membership, () => membership.cancel('x'.repeat(2001))).code).toBe('VALIDATION_FAILED');
    membership.cancel();
    membership.pullEvents(META);
    expect(refusal(membership, () => membership.cancel()).code).toBe('INVALID_TRANSITION');
  });
});

describe('status transitions and the tier in force', () => {
  const pairs = MEMBERSHIP_STATUSES.flatMap((from) => MEMBERSHIP_STATUSES.map((to) => [from, to] as const)).filter(([from, to]) => from !== 'pending' && to !== 'pending');

  it.each(pairs)('%s -> %s follows the transition table', (from, to) => {
    const membership = Membership.fromSnapshot({ ...member('monthly').toSnapshot(), status: from });
    const move = () => {
      if (to === 'past_due') membership.markPastDue();
      else if (to === 'active') membership.reactivate();
      else if (to === 'expired') membership.expire();
      else membership.cancel();
    };
    if (MEMBERSHIP_TRANSITIONS[from].includes(to)) {
      move();
      expect(membership.status).toBe(to);
    } else {
      expect(() => move()).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
  });

  it('the paid tier applies while active or past_due, free otherwise', () => {
    const membership = member('annual');
    expect(membership.limits().tier).toBe('annual');
    membership.markPastDue();
    expect(membership.effectiveTier).toBe('annual');
    membership.expire();
    expect(membership.effectiveTier).toBe('free');
    expect(membership.limits().includesDecisionQuality).toBe(false);
  });

  it('no membership means the free tier', () => {
    expect(Membership.limitsFor(null).tier).toBe('free');
    expect(Membership.limitsFor(undefined).maxActiveSessions).toBe(3);
    expect(Membership.limitsFor(member('monthly')).tier).toBe('monthly');
  });
});

describe('snapshots and ownership', () => {
  it('round-trips without events', () => {
    const membership = member('monthly');
    membership.cancel('bye');
    const snapshot = { ...membership.toSnapshot(), version: 2 };
    const restored = Membership.fromSnapshot(snapshot);
    expect(restored.toSnapshot()).toEqual(snapshot);
    expect(restored.raisedEvents).toEqual([]);
    expect(() => Membership.fromSnapshot({ ...snapshot, tier: 'gold' as never })).toThrow(/corrupt membership snapshot/);
  });

  it('belongs to its user', () => {
    expect(member().isOwnedBy('user-1')).toBe(true);
    expect(member().isOwnedBy('user-2')).toBe(false);
  });
});
