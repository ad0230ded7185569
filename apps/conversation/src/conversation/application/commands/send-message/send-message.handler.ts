import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { v7 as uuidv7 } from 'uuid';
import { ConversationNotFoundError, IdempotencyKeyReusedError } from '../../../domain/conversation-errors';
import { dailyMessageLimit, quotaDay, tierLimitReached } from '../../../domain/tier-quota';
import { ConversationRepository } from '../../conversation-repository.port';
import { IdempotencyRepository, requestHash, type IdempotencyRecord } from '../../idempotency-repository.port';
import { ProjectionsRepository } from '../../projections-repository.port';
import { UsageRepository } from '../../usage-repository.port';
import { ConversationMetrics } from '../../conversation-metrics.port';
import { ReplyGenerator, type PendingTurn } from '../../reply-generator';
import { requestMetadata } from '../../request-metadata';
import type { TurnResult } from '../../turn-result';
import { SendMessageCommand } from './send-message.command';

/**
 * POST messages: the user message commits first (with its quota count, its event and the generation lease), then
 * the reply is generated and committed. A repeated Idempotency-Key answers the first result, or finishes it.
 */
@CommandHandler(SendMessageCommand)
export class SendMessageHandler implements ICommandHandler<SendMessageCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly projections: ProjectionsRepository,
    private readonly usage: UsageRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly replies: ReplyGenerator,
    private readonly metrics: ConversationMetrics,
  ) {}

  async execute(command: SendMessageCommand): Promise<TurnResult> {
    const metadata = requestMetadata(command.userId);
    const hash = requestHash(command.conversationId, command.content);
    const started = await this.unitOfWork.run(async ({ publish }): Promise<{ pending: PendingTurn; fresh: boolean } | { done: TurnResult }> => {
      const loaded = await this.conversations.find(command.conversationId, true);
      if (!loaded || loaded.ownerId !== command.userId) throw new ConversationNotFoundError();
      const prior = command.idempotencyKey ? await this.idempotency.find(command.userId, command.idempotencyKey) : undefined;
      if (prior) return this.repeat(prior, hash, () => this.replies.claimRetry(loaded, metadata));
      const now = new Date();
      const conversation = loaded.conversation;
      const { message, plan } = conversation.receiveUserMessage(command.content, now);
      const tier = await this.projections.tierOf(command.userId);
      const max = dailyMessageLimit(tier);
      if ((await this.usage.consume(command.userId, quotaDay(now), max)) === null) throw tierLimitReached(tier, max!);
      const token = uuidv7();
      await this.conversations.update(conversation, [message], { token, until: this.replies.leaseUntil(now) });
      publish(...conversation.pullEvents(metadata));
      if (command.idempotencyKey) {
        await this.idempotency.insert(command.userId, command.idempotencyKey, { conversationId: conversation.id, requestHash: hash, userMessageId: message.id });
      }
      const prepared = await this.replies.context(conversation);
      return { pending: { conversationId: conversation.id, userMessage: message, plan, token, metadata, prepared }, fresh: true };
    });
    if ('done' in started) {
      command.listener.userMessage(started.done.user_message);
      for (const piece of started.done.assistant_message.content.match(/\S+\s*/g) ?? []) command.listener.delta(piece);
      return started.done;
    }
    if (started.fresh) this.metrics.messageStored('user');
    command.listener.userMessage(started.pending.userMessage);
    return this.replies.generate(started.pending, command.listener);
  }

  /** The same key again: the same body gets the first answer; if that reply is still missing, it is generated now. */
  private async repeat(prior: IdempotencyRecord, hash: string, claim: () => Promise<PendingTurn>): Promise<{ pending: PendingTurn; fresh: boolean } | { done: TurnResult }> {
    if (prior.requestHash !== hash) throw new IdempotencyKeyReusedError();
    if (prior.response) return { done: prior.response as TurnResult };
    return { pending: await claim(), fresh: false };
  }
}
