import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { SessionRepository } from '../../session-repository.port';
import { TrackSessionCycleCommand } from './track-session-cycle.command';

@CommandHandler(TrackSessionCycleCommand)
export class TrackSessionCycleHandler implements ICommandHandler<TrackSessionCycleCommand> {
  private readonly logger = new Logger(TrackSessionCycleHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
  ) {}

  async execute({ sessionId, cycleId, eventId, metadata }: TrackSessionCycleCommand): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const session = await this.sessions.findForUpdate(sessionId);
      if (!session) {
        this.logger.warn({ msg: 'cycle.created for an unknown session ignored', event_id: eventId });
        return;
      }
      // Idempotent in the domain too: a cycle already listed changes nothing and is not saved again.
      if (session.addCycle(cycleId)) await this.sessions.save(tx, session, metadata);
    });
  }
}
