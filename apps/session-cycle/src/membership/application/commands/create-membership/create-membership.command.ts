import type { MembershipResponse } from '../../../interface/membership.response';
import type { MembershipTier } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class CreateMembershipCommand extends Command<MembershipResponse> {
  constructor(
    readonly userId: string,
    readonly email: string | undefined,
    readonly tier: MembershipTier,
  ) {
    super();
  }
}
