import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { badRequest, conflict } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { Membership } from '../../../domain/membership.aggregate';
import { MembershipRepository } from '../../membership-repository.port';
import { CreateMembershipCommand } from './create-membership.command';

@CommandHandler(CreateMembershipCommand)
export class CreateMembershipHandler implements ICommandHandler<CreateMembershipCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute({ userId, email, tier }: CreateMembershipCommand): Promise<Membership> {
    // The address notifications go to comes from the verified token, never from the request body.
    if (!email) throw badRequest('the token carries no email address', [{ field: 'email', problems: ['the token must carry an email claim'] }]);
    return this.unitOfWork.run(async (tx) => {
      await this.memberships.lockUserMemberships(userId);
      if (await this.memberships.findLive(userId)) throw conflict('MEMBERSHIP_EXISTS', 'you already have a membership; upgrade or cancel it');
      const membership = Membership.create({ userId, email, tier });
      await this.memberships.save(tx, membership, requestMetadata(userId));
      return membership;
    });
  }
}
