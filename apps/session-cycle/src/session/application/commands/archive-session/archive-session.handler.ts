import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { SessionRepository } from '../../../infrastructure/session.repository';
import { SessionResponse, toSessionResponse } from '../../../interface/session.response';
import { ArchiveSessionCommand } from './archive-session.command';

@CommandHandler(ArchiveSessionCommand)
export class ArchiveSessionHandler implements ICommandHandler<ArchiveSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
  ) {}

  async execute({ userId, sessionId }: ArchiveSessionCommand): Promise<SessionResponse> {
    return this.unitOfWork.run(async (tx) => {
      const session = await this.sessions.findOwnedForUpdate(tx.manager, sessionId, userId);
      if (!session) throw notFound('session');
      session.archive();
      return toSessionResponse(await this.sessions.save(tx, session, requestMetadata(userId)));
    });
  }
}
