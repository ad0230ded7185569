import type { MembershipResponse } from '../../../interface/membership.response';
import { Command } from '@nestjs/cqrs';

export class CancelMembershipCommand extends Command<MembershipResponse> {
  constructor(
    readonly userId: string,
    readonly membershipId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
