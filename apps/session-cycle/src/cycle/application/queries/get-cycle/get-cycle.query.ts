import { Query } from '@nestjs/cqrs';
import type { CycleView } from '../../cycle.view';

export class GetCycleQuery extends Query<CycleView> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}
