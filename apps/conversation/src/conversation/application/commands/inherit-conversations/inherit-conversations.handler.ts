import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { greetingFor } from '../../../domain/component-guides';
import { Conversation } from '../../../domain/conversation.aggregate';
import { ConversationRepository } from '../../conversation-repository.port';
import { ProjectionsRepository } from '../../projections-repository.port';
import { InheritConversationsCommand } from './inherit-conversations.command';

/** Deliveries to wait for a parent conversation that another partition has not delivered yet. */
export const PARENT_WAIT_ATTEMPTS = 3;

export class ParentConversationMissingError extends Error {
  constructor() {
    super('a parent conversation of the branch is not known yet');
    this.name = 'ParentConversationMissingError';
  }
}

/**
 * The branch's conversations: each copied component gets a copy of the parent's conversation (messages included,
 * `inherited_from` the parent's id), so the reasoning before the branch point stays visible; from then on the two
 * are independent. Idempotent by the (cycle, component_type) uniqueness.
 */
@CommandHandler(InheritConversationsCommand)
export class InheritConversationsHandler implements ICommandHandler<InheritConversationsCommand> {
  private readonly logger = new Logger(InheritConversationsHandler.name);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly projections: ProjectionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ branch, attempt, metadata }: InheritConversationsCommand): Promise<void> {
    return this.unitOfWork.run(async ({ publish }) => {
      await this.projections.copyCycleOutputs(branch.parentCycleId, branch.cycleId, branch.copies.map((c) => c.componentType));
      for (const copy of branch.copies) {
        if (await this.conversations.findByComponent(branch.cycleId, copy.componentType)) continue;
        const ref = { sessionId: branch.sessionId, cycleId: branch.cycleId, componentId: copy.componentId, componentType: copy.componentType };
        const parent = await this.conversations.findByComponent(branch.parentCycleId, copy.componentType);
        if (!parent && attempt < PARENT_WAIT_ATTEMPTS) throw new ParentConversationMissingError();
        if (!parent) {
          this.logger.warn({ msg: 'parent conversation unknown; the branch starts a fresh one', cycle_id: branch.cycleId, component_type: copy.componentType });
          const { conversation, greeting } = Conversation.open(ref, greetingFor(copy.componentType));
          await this.conversations.insert(conversation, [greeting]);
          publish(...conversation.pullEvents(metadata));
          continue;
        }
        const snapshot = parent.conversation.toSnapshot();
        const messages = await this.conversations.messages(snapshot.id);
        const waiting = snapshot.awaiting_reply_to;
        const { conversation, messages: copies } = Conversation.inherit(snapshot, waiting ? messages.filter((m) => m.id !== waiting) : messages, ref, copy.status);
        await this.conversations.insert(conversation, copies);
        publish(...conversation.pullEvents(metadata));
      }
    });
  }
}
