import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { ProjectionsRepository } from '../../projections-repository.port';
import { RecordSessionOwnerCommand } from './record-session-owner.command';

@CommandHandler(RecordSessionOwnerCommand)
export class RecordSessionOwnerHandler implements ICommandHandler<RecordSessionOwnerCommand> {
  constructor(
    private readonly projections: ProjectionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ sessionId, userId }: RecordSessionOwnerCommand): Promise<void> {
    return this.unitOfWork.run(() => this.projections.recordSessionOwner(sessionId, userId));
  }
}
