import type { CycleResponse } from '../../../interface/cycle.response';
import { Command } from '@nestjs/cqrs';

export class CreateCycleCommand extends Command<CycleResponse> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
