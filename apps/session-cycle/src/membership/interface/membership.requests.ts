import { MEMBERSHIP_TIERS, MembershipTier } from '@choice-sherpa/events';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateMembershipRequest {
  @IsIn(MEMBERSHIP_TIERS, { message: `tier must be one of: ${MEMBERSHIP_TIERS.join(', ')}` }) tier: MembershipTier;
}

export class UpgradeMembershipRequest {
  @IsIn(MEMBERSHIP_TIERS, { message: `tier must be one of: ${MEMBERSHIP_TIERS.join(', ')}` }) tier: MembershipTier;
}

export class CancelMembershipRequest {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
