import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { MembershipRepository } from '../../membership-repository.port';
import type { Membership } from '../../../domain/membership.aggregate';
import { UpgradeMembershipCommand } from './upgrade-membership.command';

@CommandHandler(UpgradeMembershipCommand)
export class UpgradeMembershipHandler implements ICommandHandler<UpgradeMembershipCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute({ userId, membershipId, tier }: UpgradeMembershipCommand): Promise<Membership> {
    return this.unitOfWork.run(async (tx) => {
      const membership = await this.memberships.findOwnedForUpdate(membershipId, userId);
      if (!membership) throw notFound('membership');
      membership.upgrade(tier);
      await this.memberships.save(tx, membership, requestMetadata(userId));
      return membership;
    });
  }
}
