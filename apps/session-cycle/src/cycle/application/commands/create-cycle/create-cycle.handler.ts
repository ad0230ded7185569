import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { TierLimitsReader } from '../../../../membership/application/tier-limits.reader';
import { SessionRepository } from '../../../../session/application/session-repository.port';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { Cycle } from '../../../domain/cycle.aggregate';
import { CycleRepository } from '../../cycle-repository.port';
import type { CycleView } from '../../cycle.view';
import { CreateCycleCommand } from './create-cycle.command';

@CommandHandler(CreateCycleCommand)
export class CreateCycleHandler implements ICommandHandler<CreateCycleCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly cycles: CycleRepository,
    private readonly tiers: TierLimitsReader,
  ) {}

  async execute({ userId, sessionId }: CreateCycleCommand): Promise<CycleView> {
    return this.unitOfWork.run(async (tx) => {
      // The session row lock serialises cycle creation per session, so the count below cannot be raced past.
      const session = await this.sessions.findOwnedForUpdate(sessionId, userId);
      if (!session) throw notFound('session');
      session.assertAcceptsNewCycle();
      const limits = await this.tiers.limitsFor(userId);
      limits.checkCyclesPerSession(await this.cycles.countInSession(sessionId));
      const cycle = Cycle.create({ sessionId });
      await this.cycles.save(tx, cycle, requestMetadata(userId));
      return { cycle: cycle, dqScore: null };
    });
  }
}
