import { MEMBERSHIP_TIERS } from '@choice-sherpa/events';
import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { MEMBERSHIP_STATUSES } from '../domain/membership-status';
import type { MyMembershipView } from '../application/queries/get-my-membership/get-my-membership.query';
import type { Membership } from '../domain/membership.aggregate';

export class MembershipResponse {
  @ApiUuid({ example: EXAMPLE.membershipId }) id: string;
  @ApiProperty({ example: EXAMPLE.userId }) user_id: string;
  @ApiProperty({ format: 'email', example: 'alice@example.com' }) email: string;
  @ApiProperty({ enum: MEMBERSHIP_TIERS, example: 'monthly' }) tier: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES, example: 'active' }) status: string;
  @ApiTimestamp() created_at: string;
  @ApiTimestamp() updated_at: string;
  @ApiTimestamp({ nullable: true }) cancelled_at: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) cancel_reason: string | null;
}

export function toMembershipResponse(membership: Membership): MembershipResponse {
  const row = membership.toSnapshot();
  return {
    id: row.id,
    user_id: row.user_id,
    email: row.email,
    tier: row.tier,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    cancelled_at: row.cancelled_at?.toISOString() ?? null,
    cancel_reason: row.cancel_reason,
  };
}

/** The tier's limits now (null: unlimited). */
export class TierLimits {
  @ApiProperty({ type: Number, nullable: true, example: 10 }) active_sessions: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 5 }) cycles_per_session: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) ai_messages_per_day: number | null;
  @ApiProperty({ example: true }) decision_quality: boolean;
}

/** GET /api/memberships/me: the caller's membership (null without one) and the tier whose limits apply. */
export class MyMembership {
  @ApiProperty({ type: MembershipResponse, nullable: true }) membership: MembershipResponse | null;
  @ApiProperty({ enum: MEMBERSHIP_TIERS, example: 'monthly' }) effective_tier: string;
  @ApiProperty({ type: TierLimits }) limits: TierLimits;
}

export function toMyMembership({ membership, limits }: MyMembershipView): MyMembership {
  return {
    membership: membership ? toMembershipResponse(membership) : null,
    effective_tier: limits.tier,
    limits: {
      active_sessions: limits.maxActiveSessions,
      cycles_per_session: limits.maxCyclesPerSession,
      ai_messages_per_day: limits.maxAiMessagesPerDay,
      decision_quality: limits.includesDecisionQuality,
    },
  };
}
