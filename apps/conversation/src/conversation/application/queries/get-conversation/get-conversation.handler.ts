import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ConversationNotFoundError } from '../../../domain/conversation-errors';
import { ConversationRepository } from '../../conversation-repository.port';
import { GetConversationQuery, type ConversationView } from './get-conversation.query';

@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conversations: ConversationRepository,
  ) {}

  async execute({ userId, by }: GetConversationQuery): Promise<ConversationView> {
    const manager = this.dataSource.manager;
    const loaded = 'id' in by ? await this.conversations.find(manager, by.id) : await this.conversations.findByComponent(manager, by.cycleId, by.componentType);
    if (!loaded || loaded.ownerId !== userId) throw new ConversationNotFoundError();
    const conversation = loaded.conversation.toSnapshot();
    return { conversation, messages: await this.conversations.messages(manager, conversation.id) };
  }
}
