import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork, type EventMetadataInput, type UnitOfWorkTransaction } from '@choice-sherpa/events';
import { DomainError } from '../../../../shared/domain/domain-errors';
import { CycleRepository } from '../../cycle-repository.port';
import { DataExtractionRecords } from '../../data-extraction-records.port';
import { ApplyExtractedOutputCommand, type ExtractedOutput } from './apply-extracted-output.command';

/**
 * conversation.data_extracted becomes the component's output when the component still accepts output. Anything
 * else (unknown cycle, foreign owner, locked component, invalid output) is recorded as ignored and acknowledged:
 * redelivering it would fail the same way, so it must not loop or dead-letter.
 *
 * The unit of work joins the consumer's transaction, and an error thrown out of a joined unit rolls the whole
 * delivery back even if caught: a refusal is therefore returned from inside the unit as its reason, never thrown.
 */
@CommandHandler(ApplyExtractedOutputCommand)
export class ApplyExtractedOutputHandler implements ICommandHandler<ApplyExtractedOutputCommand> {
  private readonly logger = new Logger(ApplyExtractedOutputHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cycles: CycleRepository,
    private readonly records: DataExtractionRecords,
  ) {}

  async execute({ extraction, metadata }: ApplyExtractedOutputCommand): Promise<void> {
    const { eventId, conversationId, cycleId, componentType } = extraction;
    const reason = await this.unitOfWork.run(async (tx) => {
      const refused = await this.apply(tx, extraction, metadata);
      await this.records.record({ eventId, conversationId, cycleId, componentType, outcome: refused === null ? 'applied' : 'ignored', reason: refused });
      return refused;
    });
    if (reason !== null) this.logger.log({ msg: 'extracted data ignored', event_id: eventId, cycle_id: cycleId, component_type: componentType, reason });
  }

  /** Applies the output and saves the cycle; returns why it was refused instead (null: applied). */
  private async apply(tx: UnitOfWorkTransaction, extraction: ExtractedOutput, metadata: EventMetadataInput): Promise<string | null> {
    const { cycleId, sessionId, componentId, componentType, output, userId } = extraction;
    const found = await this.cycles.findForUpdate(cycleId);
    if (!found) return 'unknown cycle';
    const { cycle, ownerId } = found;
    if (cycle.sessionId !== sessionId || cycle.component(componentType).id !== componentId) return 'cycle, session or component mismatch';
    if (userId !== null && userId !== ownerId) return 'not the owner of the cycle';
    if (!cycle.acceptsOutput(componentType)) return `component ${cycle.statusOf(componentType)} does not accept output`;
    try {
      cycle.updateComponentOutput(componentType, output);
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    await this.cycles.save(tx, cycle, metadata);
    return null;
  }
}
