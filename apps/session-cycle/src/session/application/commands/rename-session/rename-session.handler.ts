import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import type { Session } from '../../../domain/session.aggregate';
import { SessionRepository } from '../../session-repository.port';
import { RenameSessionCommand } from './rename-session.command';

@CommandHandler(RenameSessionCommand)
export class RenameSessionHandler implements ICommandHandler<RenameSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
  ) {}

  async execute({ userId, sessionId, title }: RenameSessionCommand): Promise<Session> {
    return this.unitOfWork.run(async (tx) => {
      const session = await this.sessions.findOwnedForUpdate(sessionId, userId);
      if (!session) throw notFound('session');
      session.rename(title);
      await this.sessions.save(tx, session, requestMetadata(userId));
      return session;
    });
  }
}
