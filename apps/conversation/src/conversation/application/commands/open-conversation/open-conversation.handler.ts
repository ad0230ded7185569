import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
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
    private readonly unitOfWork: UnitOfWork,
    private readonly metrics: ConversationMetrics,
  ) {}

  async execute({ component, metadata }: OpenConversationCommand): Promise<void> {
    const opened = await this.unitOfWork.run(async ({ publish }) => {
      if (await this.conversations.findByComponent(component.cycleId, component.componentType)) return false;
      const { conversation, greeting } = Conversation.open(component, greetingFor(component.componentType));
      if (!(await this.conversations.insert(conversation, [greeting]))) return false;
      publish(...conversation.pullEvents(metadata));
      return true;
    });
    if (opened) this.metrics.messageStored('assistant');
  }
}
