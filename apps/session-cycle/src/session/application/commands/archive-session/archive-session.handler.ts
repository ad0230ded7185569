import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import type { Session } from '../../../domain/session.aggregate';
import { SessionRepository } from '../../session-repository.port';
import { ArchiveSessionCommand } from './archive-session.command';

@CommandHandler(ArchiveSessionCommand)
export class ArchiveSessionHandler implements ICommandHandler<ArchiveSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
  ) {}

  async execute({ userId, sessionId }: ArchiveSessionCommand): Promise<Session> {
    return this.unitOfWork.run(async (tx) => {
      const session = await this.sessions.findOwnedForUpdate(sessionId, userId);
      if (!session) throw notFound('session');
      session.archive();
      await this.sessions.save(tx, session, requestMetadata(userId));
      return session;
    });
  }
}
