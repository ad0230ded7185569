import { MEMBERSHIP_TIERS, MembershipTier } from '@choice-sherpa/events';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateMembershipRequest {
  @ApiProperty({ enum: MEMBERSHIP_TIERS, example: 'monthly' })
  @IsIn(MEMBERSHIP_TIERS, { message: `tier must be one of: ${MEMBERSHIP_TIERS.join(', ')}` }) tier: MembershipTier;
}

export class UpgradeMembershipRequest {
  @ApiProperty({ enum: MEMBERSHIP_TIERS, example: 'annual' })
  @IsIn(MEMBERSHIP_TIERS, { message: `tier must be one of: ${MEMBERSHIP_TIERS.join(', ')}` }) tier: MembershipTier;
}

export class CancelMembershipRequest {
  @ApiProperty({ required: false, maxLength: 2000, example: 'Found what I needed' })
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
