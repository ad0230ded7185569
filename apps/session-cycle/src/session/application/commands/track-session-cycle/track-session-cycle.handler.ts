import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { causedBy } from '@choice-sherpa/events';
import { ConsumerTransaction } from '../../../../shared/application/consumer-transaction.port';
import { SessionRepository } from '../../session-repository.port';
import { TrackSessionCycleCommand } from './track-session-cycle.command';

@CommandHandler(TrackSessionCycleCommand)
export class TrackSessionCycleHandler implements ICommandHandler<TrackSessionCycleCommand> {
  private readonly logger = new Logger(TrackSessionCycleHandler.name);

  constructor(
    private readonly sessions: SessionRepository,
    private readonly transaction: ConsumerTransaction,
  ) {}

  async execute({ event, manager }: TrackSessionCycleCommand): Promise<void> {
    await this.transaction.run(manager, async (tx) => {
      const session = await this.sessions.findForUpdate(tx.manager, event.payload.session_id);
      if (!session) {
        this.logger.warn({ msg: 'cycle.created for an unknown session ignored', event_id: event.event_id });
        return;
      }
      // Idempotent in the domain too: a cycle already listed changes nothing and is not saved again.
      if (session.addCycle(event.payload.cycle_id)) await this.sessions.save(tx, session, causedBy(event));
    });
  }
}
