import type { Membership } from '../../../domain/membership.aggregate';
import type { MembershipTier } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class CreateMembershipCommand extends Command<Membership> {
  constructor(
    readonly userId: string,
    readonly email: string | undefined,
    readonly tier: MembershipTier,
  ) {
    super();
  }
}
