import { Command } from '@nestjs/cqrs';
import type { ComponentType } from '@choice-sherpa/events/outputs';

export type ComponentChange =
  | { kind: 'output_updated'; output: Record<string, unknown> }
  | { kind: 'completed'; output: Record<string, unknown> }
  | { kind: 'marked_for_revision' };

/** component.output_updated / completed / marked_for_revision: the cycle's outputs and the conversation's lock. */
export class TrackComponentCommand extends Command<void> {
  constructor(
    readonly cycleId: string,
    readonly componentType: ComponentType,
    readonly change: ComponentChange,
  ) {
    super();
  }
}
