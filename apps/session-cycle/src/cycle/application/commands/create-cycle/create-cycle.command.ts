import type { CycleView } from '../../cycle.view';
import { Command } from '@nestjs/cqrs';

export class CreateCycleCommand extends Command<CycleView> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
