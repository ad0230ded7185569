import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { CycleRepository } from '../../cycle-repository.port';
import { RecordCycleDqScoreCommand } from './record-cycle-dq-score.command';

@CommandHandler(RecordCycleDqScoreCommand)
export class RecordCycleDqScoreHandler implements ICommandHandler<RecordCycleDqScoreCommand> {
  private readonly logger = new Logger(RecordCycleDqScoreHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cycles: CycleRepository,
  ) {}

  async execute({ score }: RecordCycleDqScoreCommand): Promise<void> {
    await this.unitOfWork.run(async () => {
      if (!(await this.cycles.existsInSession(score.cycleId, score.sessionId))) {
        // Not one of our cycles (or a mismatched session): nothing to attach the score to, and retrying will not help.
        this.logger.warn({ msg: 'dq score for an unknown cycle ignored', event_id: score.eventId, cycle_id: score.cycleId });
        return;
      }
      // A later computation (decision_quality revised and completed again) replaces an earlier one, never the reverse,
      // whatever order they are delivered in: the analysis worker numbers a cycle's results in commit order and only
      // emits one newer than the result it holds, so the event's per-cycle sequence orders them (its computed_at is a
      // wall clock, which two workers need not agree on).
      await this.cycles.recordDqScoreIfNewer(score);
    });
  }
}
