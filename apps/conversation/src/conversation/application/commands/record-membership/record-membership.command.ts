import { Command } from '@nestjs/cqrs';
import type { MembershipTier } from '@choice-sherpa/events/outputs';

/** membership.created / upgraded (tier set) or cancelled (tier = null): the user's tier for the AI message quota. */
export class RecordMembershipCommand extends Command<void> {
  constructor(
    readonly membershipId: string,
    readonly userId: string,
    readonly tier: MembershipTier | null,
  ) {
    super();
  }
}
