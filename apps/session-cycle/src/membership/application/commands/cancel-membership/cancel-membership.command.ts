import type { Membership } from '../../../domain/membership.aggregate';
import { Command } from '@nestjs/cqrs';

export class CancelMembershipCommand extends Command<Membership> {
  constructor(
    readonly userId: string,
    readonly membershipId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
