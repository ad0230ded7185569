import type { MembershipResponse } from '../../../interface/membership.response';
import type { MembershipTier } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class UpgradeMembershipCommand extends Command<MembershipResponse> {
  constructor(
    readonly userId: string,
    readonly membershipId: string,
    readonly tier: MembershipTier,
  ) {
    super();
  }
}
