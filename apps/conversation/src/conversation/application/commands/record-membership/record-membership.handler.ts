import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionsRepository } from '../../projections-repository.port';
import { RecordMembershipCommand } from './record-membership.command';

@CommandHandler(RecordMembershipCommand)
export class RecordMembershipHandler implements ICommandHandler<RecordMembershipCommand> {
  constructor(private readonly projections: ProjectionsRepository) {}

  async execute({ membershipId, userId, tier, manager }: RecordMembershipCommand): Promise<void> {
    if (tier === null) await this.projections.recordCancellation(manager, membershipId, userId);
    else await this.projections.recordMembership(manager, membershipId, userId, tier);
  }
}
