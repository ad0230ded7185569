/**
 * Membership: a user's tier and its status (DOMAIN.md "Memberships and limits").
 *
 *   Membership.create({ userId, email, tier, id?, now? })  -> membership.created (status active)
 *   membership.upgrade(tier, now?)                          -> membership.upgraded; must raise the tier (TIER_DOWNGRADE),
 *                                                              membership in force (MEMBERSHIP_NOT_ACTIVE)
 *   membership.cancel(reason?, now?)                        -> membership.cancelled (final; INVALID_TRANSITION twice)
 *   membership.markPastDue() / reactivate() / expire()      -> no events (billing hooks; not in the catalog)
 *   membership.effectiveTier, limits()                      -> the tier in force: tier while active/past_due, else free
 *   Membership.limitsFor(membershipOrNull)                  -> TierLimits; no membership = free
 *   toSnapshot() / Membership.fromSnapshot(snapshot)
 * One membership per user is the application's check (the repository knows the user's memberships).
 * Events are drained with `pullEvents(metadata)` (see libs/events/src/raising/aggregate-root.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { AggregateRoot } from '@choice-sherpa/events/raising';
import { checkRule } from '../../shared/domain/business-rule';
import { UserIdRule } from '../../shared/domain/user-id.rule';
import { ValidationError } from '../../shared/domain/domain-errors';
import { isMembershipTier, type MembershipTier } from './membership-tier';
import { CancelReasonRule, MembershipEmailRule, MembershipInForceRule, MembershipTransitionAllowedRule, TierUpgradeRule } from './membership.rules';
import type { MembershipSnapshot } from './membership.snapshot';
import { isMembershipStatus, MEMBERSHIP_IN_FORCE, type MembershipStatus } from './membership-status';
import { TierLimits } from './tier-limits';

export interface CreateMembershipInput {
  userId: string;
  email: string;
  tier: MembershipTier;
  id?: string;
  now?: Date;
}

interface MembershipState {
  userId: string;
  email: string;
  tier: MembershipTier;
  status: MembershipStatus;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

function assertTier(tier: unknown): asserts tier is MembershipTier {
  if (!isMembershipTier(tier)) throw new ValidationError('tier is invalid', [{ field: 'tier', message: 'must be one of free, monthly, annual' }]);
}

export class Membership extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private state: MembershipState,
  ) {
    super(id, version);
  }

  static create(input: CreateMembershipInput): Membership {
    checkRule(new UserIdRule(input.userId));
    assertTier(input.tier);
    checkRule(new MembershipEmailRule(input.email));
    const now = input.now ?? new Date();
    const membership = new Membership(input.id ?? uuidv7(), 0, {
      userId: input.userId,
      email: input.email.trim(),
      tier: input.tier,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      cancelReason: null,
    });
    membership.raise('membership.created', { ...membership.ref(), tier: input.tier }, now);
    return membership;
  }

  static fromSnapshot(snapshot: MembershipSnapshot): Membership {
    if (!isMembershipStatus(snapshot.status) || !isMembershipTier(snapshot.tier)) {
      throw new Error(`corrupt membership snapshot ${snapshot.id}: ${String(snapshot.status)} / ${String(snapshot.tier)}`);
    }
    return new Membership(snapshot.id, snapshot.version, {
      userId: snapshot.user_id,
      email: snapshot.email,
      tier: snapshot.tier,
      status: snapshot.status,
      createdAt: new Date(snapshot.created_at),
      updatedAt: new Date(snapshot.updated_at),
      cancelledAt: snapshot.cancelled_at ? new Date(snapshot.cancelled_at) : null,
      cancelReason: snapshot.cancel_reason,
    });
  }

  /** The limits of a user: their membership's tier in force, or free without one. */
  static limitsFor(membership: Membership | null | undefined): TierLimits {
    return TierLimits.for(membership?.effectiveTier ?? 'free');
  }

  toSnapshot(): MembershipSnapshot {
    return {
      id: this.id,
      user_id: this.state.userId,
      email: this.state.email,
      tier: this.state.tier,
      status: this.state.status,
      version: this.version,
      created_at: new Date(this.state.createdAt),
      updated_at: new Date(this.state.updatedAt),
      cancelled_at: this.state.cancelledAt ? new Date(this.state.cancelledAt) : null,
      cancel_reason: this.state.cancelReason,
    };
  }

  get userId(): string {
    return this.state.userId;
  }
  get email(): string {
    return this.state.email;
  }
  get tier(): MembershipTier {
    return this.state.tier;
  }
  get status(): MembershipStatus {
    return this.state.status;
  }
  get cancelledAt(): Date | null {
    return this.state.cancelledAt ? new Date(this.state.cancelledAt) : null;
  }
  get cancelReason(): string | null {
    return this.state.cancelReason;
  }
  get createdAt(): Date {
    return new Date(this.state.createdAt);
  }
  get updatedAt(): Date {
    return new Date(this.state.updatedAt);
  }
  get isInForce(): boolean {
    return MEMBERSHIP_IN_FORCE.includes(this.state.status);
  }
  /** The tier whose limits apply now. */
  get effectiveTier(): MembershipTier {
    return this.isInForce ? this.state.tier : 'free';
  }

  isOwnedBy(userId: string): boolean {
    return this.state.userId === userId;
  }

  limits(): TierLimits {
    return TierLimits.for(this.effectiveTier);
  }

  upgrade(tier: MembershipTier, now: Date = new Date()): void {
    assertTier(tier);
    checkRule(new MembershipInForceRule(this.status));
    checkRule(new TierUpgradeRule(this.tier, tier));
    const oldTier = this.state.tier;
    this.state = { ...this.state, tier, updatedAt: now };
    this.raise('membership.upgraded', { ...this.ref(), old_tier: oldTier, new_tier: tier }, now);
  }

  cancel(reason?: string | null, now: Date = new Date()): void {
    checkRule(new CancelReasonRule(reason));
    checkRule(new MembershipTransitionAllowedRule(this.status, 'cancelled'));
    const trimmed = reason?.trim() ? reason.trim() : null;
    this.state = { ...this.state, status: 'cancelled', cancelledAt: now, cancelReason: trimmed, updatedAt: now };
    this.raise('membership.cancelled', { ...this.ref(), cancelled_at: now.toISOString(), reason: trimmed }, now);
  }

  markPastDue(now: Date = new Date()): void {
    this.moveTo('past_due', now);
  }

  reactivate(now: Date = new Date()): void {
    this.moveTo('active', now);
  }

  expire(now: Date = new Date()): void {
    this.moveTo('expired', now);
  }

  private moveTo(status: MembershipStatus, now: Date): void {
    checkRule(new MembershipTransitionAllowedRule(this.status, status));
    this.state = { ...this.state, status, updatedAt: now };
  }

  private ref() {
    return { membership_id: this.id, user_id: this.state.userId, email: this.state.email };
  }
}
