import { Command } from '@nestjs/cqrs';
import type { EventMetadataInput } from '@choice-sherpa/events';
import type { ComponentStatus, ComponentType } from '@choice-sherpa/events/catalog';

export interface BranchCopy {
  componentType: ComponentType;
  componentId: string;
  status: ComponentStatus;
}

/** cycle.branched: the branch gets copies of the parent's conversations of the components it copied. */
export class InheritConversationsCommand extends Command<void> {
  constructor(
    readonly branch: { sessionId: string; cycleId: string; parentCycleId: string; copies: BranchCopy[] },
    /** The delivery attempt: a parent conversation not yet created is waited for a few deliveries, then started fresh. */
    readonly attempt: number,
    readonly metadata: EventMetadataInput,
  ) {
    super();
  }
}
