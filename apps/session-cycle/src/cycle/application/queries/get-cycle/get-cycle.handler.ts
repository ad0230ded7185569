import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { notFound } from '@choice-sherpa/platform';
import { CycleDqScoreEntity } from '../../../infrastructure/cycle-dq-score.entity';
import { findOwnedCycle } from '../../../infrastructure/owned-cycle.finder';
import { CycleResponse, toCycleResponse } from '../../../interface/cycle.response';
import { GetCycleQuery } from './get-cycle.query';

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId, cycleId }: GetCycleQuery): Promise<CycleResponse> {
    const row = await findOwnedCycle(this.dataSource.manager, cycleId, userId);
    if (!row) throw notFound('cycle');
    const dq = await this.dataSource.manager.findOne(CycleDqScoreEntity, { where: { cycle_id: cycleId } });
    return toCycleResponse(row, dq?.overall_score ?? null);
  }
}
