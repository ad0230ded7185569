import type { CycleResponse } from '../../../interface/cycle.response';
import type { ComponentType } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class UpdateComponentOutputCommand extends Command<CycleResponse> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
    readonly componentType: ComponentType,
    readonly output: Record<string, unknown>,
  ) {
    super();
  }
}
