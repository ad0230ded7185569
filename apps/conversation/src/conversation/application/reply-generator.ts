import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork, type EventMetadataInput } from '@choice-sherpa/events';
import { v7 as uuidv7 } from 'uuid';
import { CONVERSATION_SETTINGS_TOKEN, type ConversationSettings } from '../../conversation.settings';
import type { Conversation } from '../domain/conversation.aggregate';
import { ConversationNotFoundError, ReplyInProgressError } from '../domain/conversation-errors';
import { MAX_MESSAGE_CHARS, type Message } from '../domain/message';
import type { TurnPlan } from '../domain/turn';
import { ConversationRepository, type LoadedConversation } from './conversation-repository.port';
import { IdempotencyRepository } from './idempotency-repository.port';
import { ProjectionsRepository } from './projections-repository.port';
import { ConversationMetrics } from './conversation-metrics.port';
import type { CycleContext } from './cycle-context';
import { FacilitatorUnavailableError } from './facilitator.port';
import { extractionOf, type TurnListener, type TurnResult } from './turn-result';
import { TurnRunner } from './turn-runner';

export interface PendingTurn {
  conversationId: string;
  userMessage: Message;
  plan: TurnPlan;
  /** The generation lease taken in the transaction that committed the user message (or the retry). */
  token: string;
  metadata: EventMetadataInput;
  /** What the facilitator needs, when the transaction that stored the message already read it (saves a round trip). */
  prepared?: TurnContext;
}

export interface TurnContext {
  conversation: Conversation;
  history: Message[];
  cycle: CycleContext;
}

/**
 * The reply to a committed user message: the facilitator runs outside any transaction, then the reply, the phase
 * change and its events commit together. A failure stores nothing and raises nothing: the user message stays,
 * the lease is released, and POST /reply (or the same Idempotency-Key) tries again.
 */
@Injectable()
export class ReplyGenerator {
  private readonly logger = new Logger(ReplyGenerator.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly projections: ProjectionsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly runner: TurnRunner,
    private readonly metrics: ConversationMetrics,
    @Inject(CONVERSATION_SETTINGS_TOKEN) private readonly settings: ConversationSettings,
  ) {}

  /** How long a reply may take before the conversation is free again (every attempt timing out, plus margin). */
  leaseUntil(now = new Date()): Date {
    return new Date(now.getTime() + this.settings.timeoutMs * (this.settings.maxRetries + 2) + 5_000);
  }

  /** Takes the lease for retrying the waiting message's reply (POST /reply, or a repeated Idempotency-Key). */
  async claimRetry(loaded: LoadedConversation, metadata: EventMetadataInput, now = new Date()): Promise<PendingTurn> {
    const conversation = loaded.conversation;
    const messages = await this.conversations.messages(conversation.id);
    const waiting = messages.find((m) => m.id === conversation.awaitingReplyTo);
    const plan = conversation.planRetry(waiting?.content ?? '');
    if (loaded.generatingUntil && loaded.generatingUntil > now) throw new ReplyInProgressError();
    const token = uuidv7();
    await this.conversations.claimGeneration(conversation.id, token, this.leaseUntil(now));
    return { conversationId: conversation.id, userMessage: waiting!, plan, token, metadata };
  }

  /** The conversation, its messages and the cycle's context, read in the ambient transaction. */
  async context(conversation: Conversation): Promise<TurnContext> {
    const cycleId = conversation.toSnapshot().cycle_id;
    return { conversation, history: await this.conversations.messages(conversation.id), cycle: await this.projections.cycleContext(cycleId) };
  }

  async generate(pending: PendingTurn, listener: TurnListener): Promise<TurnResult> {
    const { conversation, history, cycle } =
      pending.prepared ??
      (await this.unitOfWork.run(async () => {
        const loaded = await this.conversations.find(pending.conversationId);
        if (!loaded) throw new ConversationNotFoundError();
        return this.context(loaded.conversation);
      }));
    let turn: Awaited<ReturnType<TurnRunner['run']>>;
    try {
      turn = await this.runner.run(
        { plan: pending.plan, componentType: conversation.componentType, proposal: conversation.proposedOutput, history, cycle },
        (text) => listener.delta(text),
      );
      if (turn.reply.trim() === '') throw new FacilitatorUnavailableError('error', 5);
    } catch (error) {
      await this.unitOfWork.run(() => this.conversations.releaseGeneration(pending.conversationId, pending.token));
      this.logger.warn({ msg: 'reply failed', conversation_id: pending.conversationId, reason: (error as FacilitatorUnavailableError).reason ?? 'error' });
      throw error;
    }
    return this.commit(pending, turn.reply, turn.outcome);
  }

  private async commit(pending: PendingTurn, reply: string, outcome: Parameters<Conversation['completeTurn']>[1]): Promise<TurnResult> {
    const result = await this.unitOfWork.run(async ({ publish }) => {
      const loaded = await this.conversations.find(pending.conversationId, true);
      if (!loaded || loaded.generationToken !== pending.token || loaded.conversation.awaitingReplyTo !== pending.userMessage.id) {
        throw new ReplyInProgressError();
      }
      const conversation = loaded.conversation;
      const assistant = conversation.completeTurn(reply.trim().slice(0, MAX_MESSAGE_CHARS), outcome);
      await this.conversations.update(conversation, [assistant], null);
      publish(...conversation.pullEvents(pending.metadata));
      const snapshot = conversation.toSnapshot();
      const turn: TurnResult = {
        user_message: pending.userMessage,
        assistant_message: assistant,
        extraction: extractionOf(outcome),
        conversation: { state: snapshot.state, phase: snapshot.phase },
      };
      await this.idempotency.complete(pending.userMessage.id, turn);
      return turn;
    });
    this.metrics.messageStored('assistant');
    return result;
  }
}
