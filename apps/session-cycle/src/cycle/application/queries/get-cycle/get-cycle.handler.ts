import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@choice-sherpa/platform';
import { CycleRepository } from '../../cycle-repository.port';
import type { CycleView } from '../../cycle.view';
import { GetCycleQuery } from './get-cycle.query';

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(private readonly cycles: CycleRepository) {}

  async execute({ userId, cycleId }: GetCycleQuery): Promise<CycleView> {
    const cycle = await this.cycles.findOwned(cycleId, userId);
    if (!cycle) throw notFound('cycle');
    return { cycle, dqScore: await this.cycles.dqScoreOf(cycleId) };
  }
}
