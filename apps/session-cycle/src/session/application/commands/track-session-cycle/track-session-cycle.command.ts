import type { TypedEvent } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';

/** Add a created cycle to its session's cycle list, inside the consumer's idempotent transaction. */
export class TrackSessionCycleCommand extends Command<void> {
  constructor(
    readonly event: TypedEvent<'cycle.created'>,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
