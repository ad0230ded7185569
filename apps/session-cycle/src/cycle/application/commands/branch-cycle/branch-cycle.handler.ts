import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { TierLimitsReader } from '../../../../membership/application/tier-limits.reader';
import { SessionRepository } from '../../../../session/application/session-repository.port';
import { requestMetadata } from '../../../../shared/application/request-metadata';
import { Cycle } from '../../../domain/cycle.aggregate';
import { CycleRepository } from '../../cycle-repository.port';
import type { CycleView } from '../../cycle.view';
import { BranchCycleCommand } from './branch-cycle.command';

@CommandHandler(BranchCycleCommand)
export class BranchCycleHandler implements ICommandHandler<BranchCycleCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly cycles: CycleRepository,
    private readonly tiers: TierLimitsReader,
  ) {}

  async execute({ userId, cycleId, branchPoint }: BranchCycleCommand): Promise<CycleView> {
    return this.unitOfWork.run(async (tx) => {
      const owned = await this.cycles.findOwned(cycleId, userId);
      if (!owned) throw notFound('cycle');
      // Same lock order as creating a cycle (session, then cycle): the branch counts against the session's cycles.
      const session = await this.sessions.findOwnedForUpdate(owned.sessionId, userId);
      const parent = await this.cycles.findOwnedForUpdate(cycleId, userId);
      if (!session || !parent) throw notFound('cycle');
      session.assertAcceptsNewCycle();
      const limits = await this.tiers.limitsFor(userId);
      limits.checkCyclesPerSession(await this.cycles.countInSession(session.id));
      const branch = Cycle.branchFrom(parent, branchPoint);
      await this.cycles.save(tx, branch, requestMetadata(userId));
      return { cycle: branch, dqScore: null };
    });
  }
}
