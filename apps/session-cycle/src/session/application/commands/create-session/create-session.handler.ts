import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { TierLimitsReader } from '../../../../membership/application/tier-limits.reader';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { Session } from '../../../domain/session.aggregate';
import { SessionRepository } from '../../session-repository.port';
import { CreateSessionCommand } from './create-session.command';

@CommandHandler(CreateSessionCommand)
export class CreateSessionHandler implements ICommandHandler<CreateSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly tiers: TierLimitsReader,
  ) {}

  async execute({ userId, title, description }: CreateSessionCommand): Promise<Session> {
    return this.unitOfWork.run(async (tx) => {
      await this.sessions.lockUserSessions(userId);
      const limits = await this.tiers.limitsFor(userId);
      limits.checkActiveSessions(await this.sessions.countActive(userId));
      const session = Session.create({ ownerId: userId, title, description });
      await this.sessions.save(tx, session, requestMetadata(userId));
      return session;
    });
  }
}
