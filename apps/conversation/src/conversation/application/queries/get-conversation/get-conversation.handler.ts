import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ConversationNotFoundError } from '../../../domain/conversation-errors';
import { ConversationRepository } from '../../conversation-repository.port';
import { GetConversationQuery, type ConversationView } from './get-conversation.query';

@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(private readonly conversations: ConversationRepository) {}

  async execute({ userId, by }: GetConversationQuery): Promise<ConversationView> {
    const loaded = 'id' in by ? await this.conversations.find(by.id) : await this.conversations.findByComponent(by.cycleId, by.componentType);
    if (!loaded || loaded.ownerId !== userId) throw new ConversationNotFoundError();
    const conversation = loaded.conversation.toSnapshot();
    return { conversation, messages: await this.conversations.messages(conversation.id) };
  }
}
