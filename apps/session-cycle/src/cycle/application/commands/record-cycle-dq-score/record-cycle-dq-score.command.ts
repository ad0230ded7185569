import type { TypedEvent } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';

/** Remember the cycle's DQ score (for cycle.completed), inside the consumer's idempotent transaction. */
export class RecordCycleDqScoreCommand extends Command<void> {
  constructor(
    readonly event: TypedEvent<'analysis.dq_computed'>,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
