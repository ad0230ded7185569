import { Injectable } from '@nestjs/common';
import { UnitOfWork, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { notFound } from '@choice-sherpa/platform';
import { requestMetadata } from '../../shared/application/request-metadata';
import type { Cycle } from '../domain/cycle.aggregate';
import { CycleRepository } from './cycle-repository.port';
import type { CycleView } from './cycle.view';

/**
 * The frame every command on an existing cycle shares: one unit of work; the cycle row-locked and only if the
 * caller owns it (404 otherwise, the same answer as an unknown id, and nothing written); the change; the save with
 * its events.
 */
@Injectable()
export class OwnedCycleChange {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cycles: CycleRepository,
  ) {}

  run(userId: string, cycleId: string, change: (cycle: Cycle, tx: UnitOfWorkTransaction) => Promise<void> | void): Promise<CycleView> {
    return this.unitOfWork.run(async (tx) => {
      const cycle = await this.cycles.findOwnedForUpdate(cycleId, userId);
      if (!cycle) throw notFound('cycle');
      await change(cycle, tx);
      await this.cycles.save(tx, cycle, requestMetadata(userId));
      return { cycle, dqScore: await this.cycles.dqScoreOf(cycleId) };
    });
  }
}
