import type { TypedEvent } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';

/** Fill the component's output from a conversation's extraction, inside the consumer's idempotent transaction. */
export class ApplyExtractedOutputCommand extends Command<void> {
  constructor(
    readonly event: TypedEvent<'conversation.data_extracted'>,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
