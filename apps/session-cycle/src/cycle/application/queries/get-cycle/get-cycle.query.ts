import { Query } from '@nestjs/cqrs';
import type { CycleResponse } from '../../../interface/cycle.response';

export class GetCycleQuery extends Query<CycleResponse> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}
