import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@choice-sherpa/events';
import { greetingFor } from '../../../domain/component-guides';
import { Conversation } from '../../../domain/conversation.aggregate';
import { ConversationMetrics } from '../../conversation-metrics.port';
import { ConversationRepository } from '../../conversation-repository.port';
import { OpenConversationCommand } from './open-conversation.command';

/** One conversation per (cycle, component_type): a repeated start (or a redelivery) finds it and does nothing. */
@CommandHandler(OpenConversationCommand)
export class OpenConversationHandler implements ICommandHandler<OpenConversationCommand> {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly outbox: OutboxWriter,
    private readonly metrics: ConversationMetrics,
  ) {}

  async execute({ component, metadata, manager }: OpenConversationCommand): Promise<void> {
    if (await this.conversations.findByComponent(manager, component.cycleId, component.componentType)) return;
    const { conversation, greeting } = Conversation.open(component, greetingFor(component.componentType));
    if (!(await this.conversations.insert(manager, conversation, [greeting]))) return;
    await this.outbox.append(manager, conversation.pullEvents(metadata));
    this.metrics.messageStored('assistant');
  }
}
