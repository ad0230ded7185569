import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { causedBy } from '@choice-sherpa/events';
import { DomainError } from '../../../../shared/domain/domain-errors';
import { ConsumerTransaction } from '../../../../shared/application/consumer-transaction.port';
import { CycleRepository } from '../../cycle-repository.port';
import { DataExtractionRecords } from '../../data-extraction-records.port';
import { ApplyExtractedOutputCommand } from './apply-extracted-output.command';

/**
 * conversation.data_extracted becomes the component's output when the component still accepts output. Anything
 * else (unknown cycle, foreign owner, locked component, invalid output) is recorded as ignored and acknowledged:
 * redelivering it would fail the same way, so it must not loop or dead-letter.
 */
@CommandHandler(ApplyExtractedOutputCommand)
export class ApplyExtractedOutputHandler implements ICommandHandler<ApplyExtractedOutputCommand> {
  private readonly logger = new Logger(ApplyExtractedOutputHandler.name);

  constructor(
    private readonly cycles: CycleRepository,
    private readonly records: DataExtractionRecords,
    private readonly transaction: ConsumerTransaction,
  ) {}

  async execute({ event, manager }: ApplyExtractedOutputCommand): Promise<void> {
    const { cycle_id, session_id, component_id, component_type, output } = event.payload;
    const reason = await this.transaction.run(manager, async (tx): Promise<string | null> => {
      const found = await this.cycles.findForUpdate(tx.manager, cycle_id);
      if (!found) return 'unknown cycle';
      const { cycle, ownerId } = found;
      if (cycle.sessionId !== session_id || cycle.component(component_type).id !== component_id) return 'cycle, session or component mismatch';
      if (event.metadata.user_id !== null && event.metadata.user_id !== ownerId) return 'not the owner of the cycle';
      if (!cycle.acceptsOutput(component_type)) return `component ${cycle.statusOf(component_type)} does not accept output`;
      try {
        cycle.updateComponentOutput(component_type, output);
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
      await this.cycles.save(tx, cycle, causedBy(event));
      return null;
    });
    await this.records.record(manager, {
      eventId: event.event_id,
      conversationId: event.payload.conversation_id,
      cycleId: cycle_id,
      componentType: component_type,
      outcome: reason === null ? 'applied' : 'ignored',
      reason,
    });
    if (reason !== null) this.logger.log({ msg: 'extracted data ignored', event_id: event.event_id, cycle_id, component_type, reason });
  }
}
