import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionsRepository } from '../../projections-repository.port';
import { RecordSessionOwnerCommand } from './record-session-owner.command';

@CommandHandler(RecordSessionOwnerCommand)
export class RecordSessionOwnerHandler implements ICommandHandler<RecordSessionOwnerCommand> {
  constructor(private readonly projections: ProjectionsRepository) {}

  async execute({ sessionId, userId, manager }: RecordSessionOwnerCommand): Promise<void> {
    await this.projections.recordSessionOwner(manager, sessionId, userId);
  }
}
