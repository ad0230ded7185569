import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@choice-sherpa/events';
import { ConversationRepository } from '../../conversation-repository.port';
import { ProjectionsRepository } from '../../projections-repository.port';
import { TrackComponentCommand } from './track-component.command';

/**
 * Keeps what the facilitator needs from session-cycle: the outputs later components refer to (alternatives,
 * objectives), and whether the component is complete (its conversation then takes no messages: 409).
 */
@CommandHandler(TrackComponentCommand)
export class TrackComponentHandler implements ICommandHandler<TrackComponentCommand> {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly projections: ProjectionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ cycleId, componentType, change }: TrackComponentCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      if (change.kind !== 'marked_for_revision' && Object.keys(change.output).length > 0) {
        await this.projections.recordCycleOutput(cycleId, componentType, change.output);
      }
      if (change.kind === 'output_updated') return;
      const loaded = await this.conversations.findByComponent(cycleId, componentType, true);
      if (!loaded) return;
      if (change.kind === 'completed') loaded.conversation.lockForCompletedComponent();
      else loaded.conversation.reopenForRevision();
      await this.conversations.update(loaded.conversation, [], loaded.generationToken && loaded.generatingUntil ? { token: loaded.generationToken, until: loaded.generatingUntil } : null);
    });
  }
}
