import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { ConversationNotFoundError } from '../../../domain/conversation-errors';
import { ConversationRepository } from '../../conversation-repository.port';
import { ReplyGenerator } from '../../reply-generator';
import { requestMetadata } from '../../request-metadata';
import type { TurnResult } from '../../turn-result';
import { RetryReplyCommand } from './retry-reply.command';

/** POST reply: a new reply to the last user message when generating it failed before; 409 when it has one. */
@CommandHandler(RetryReplyCommand)
export class RetryReplyHandler implements ICommandHandler<RetryReplyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly replies: ReplyGenerator,
  ) {}

  async execute(command: RetryReplyCommand): Promise<TurnResult> {
    const pending = await this.unitOfWork.run(async () => {
      const loaded = await this.conversations.find(command.conversationId, true);
      if (!loaded || loaded.ownerId !== command.userId) throw new ConversationNotFoundError();
      return this.replies.claimRetry(loaded, requestMetadata(command.userId));
    });
    command.listener.userMessage(pending.userMessage);
    return this.replies.generate(pending, command.listener);
  }
}
