import type { CycleView } from '../../cycle.view';
import type { ComponentType } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class UpdateComponentOutputCommand extends Command<CycleView> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
    readonly componentType: ComponentType,
    readonly output: Record<string, unknown>,
  ) {
    super();
  }
}
