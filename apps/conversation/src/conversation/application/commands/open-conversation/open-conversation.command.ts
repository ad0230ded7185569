import { Command } from '@nestjs/cqrs';
import type { EventMetadataInput } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import type { ComponentRef } from '../../../domain/conversation.aggregate';

/** component.started: the component's conversation, opened by the greeting (inside the consumer's transaction). */
export class OpenConversationCommand extends Command<void> {
  constructor(
    readonly component: ComponentRef,
    readonly metadata: EventMetadataInput,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
