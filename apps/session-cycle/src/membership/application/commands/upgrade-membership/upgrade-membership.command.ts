import type { Membership } from '../../../domain/membership.aggregate';
import type { MembershipTier } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class UpgradeMembershipCommand extends Command<Membership> {
  constructor(
    readonly userId: string,
    readonly membershipId: string,
    readonly tier: MembershipTier,
  ) {
    super();
  }
}
