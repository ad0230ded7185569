import { Command } from '@nestjs/cqrs';
import type { EventMetadataInput } from '@choice-sherpa/events';
import type { ComponentRef } from '../../../domain/conversation.aggregate';

/** component.started: the component's conversation, opened by the greeting (the consumer's transaction is the ambient one). */
export class OpenConversationCommand extends Command<void> {
  constructor(
    readonly component: ComponentRef,
    readonly metadata: EventMetadataInput,
  ) {
    super();
  }
}
