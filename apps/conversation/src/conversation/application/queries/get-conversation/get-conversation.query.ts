import { Query } from '@nestjs/cqrs';
import type { ComponentType } from '@choice-sherpa/events/outputs';
import type { ConversationSnapshot } from '../../../domain/conversation.aggregate';
import type { Message } from '../../../domain/message';

export interface ConversationView {
  conversation: ConversationSnapshot;
  messages: Message[];
}

/** By id, or by (cycle_id, component_type); only the session's owner finds it. */
export class GetConversationQuery extends Query<ConversationView> {
  constructor(
    readonly userId: string,
    readonly by: { id: string } | { cycleId: string; componentType: ComponentType },
  ) {
    super();
  }
}
