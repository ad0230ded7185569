import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { MembershipRepository } from '../../membership-repository.port';
import type { Membership } from '../../../domain/membership.aggregate';
import { CancelMembershipCommand } from './cancel-membership.command';

@CommandHandler(CancelMembershipCommand)
export class CancelMembershipHandler implements ICommandHandler<CancelMembershipCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute({ userId, membershipId, reason }: CancelMembershipCommand): Promise<Membership> {
    return this.unitOfWork.run(async (tx) => {
      const membership = await this.memberships.findOwnedForUpdate(membershipId, userId);
      if (!membership) throw notFound('membership');
      membership.cancel(reason);
      await this.memberships.save(tx, membership, requestMetadata(userId));
      return membership;
    });
  }
}
