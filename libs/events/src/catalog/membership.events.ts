import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MEMBERSHIP_TIERS, MembershipTier } from '../outputs/domain-vocabulary';
import { IsRfc3339, Nullable } from './payload-validators';
import { EventPayload } from './event-payload';

abstract class MembershipEventPayload extends EventPayload {
  @IsUUID() membership_id: string;
  @IsString() @Length(1, 200) user_id: string;
  @IsEmail({ require_tld: false }) @MaxLength(320) email: string;
}

export class MembershipCreatedPayload extends MembershipEventPayload {
  @IsIn(MEMBERSHIP_TIERS) tier: MembershipTier;
}

export class MembershipUpgradedPayload extends MembershipEventPayload {
  @IsIn(MEMBERSHIP_TIERS) old_tier: MembershipTier;
  @IsIn(MEMBERSHIP_TIERS) new_tier: MembershipTier;
}

export class MembershipCancelledPayload extends MembershipEventPayload {
  @IsRfc3339() cancelled_at: string;
  /** null when the user gave no reason */
  @Nullable() @IsString() @MaxLength(2000) reason: string | null;
}
