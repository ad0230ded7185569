import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { ProjectionsRepository } from '../../projections-repository.port';
import { RecordMembershipCommand } from './record-membership.command';

@CommandHandler(RecordMembershipCommand)
export class RecordMembershipHandler implements ICommandHandler<RecordMembershipCommand> {
  constructor(
    private readonly projections: ProjectionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ membershipId, userId, tier }: RecordMembershipCommand): Promise<void> {
    return this.unitOfWork.run(() =>
      tier === null ? this.projections.recordCancellation(membershipId, userId) : this.projections.recordMembership(membershipId, userId, tier),
    );
  }
}
