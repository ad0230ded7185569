import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { causedBy, OnStreamEvent, TypedEvent } from '@choice-sherpa/events';
import { ApplyExtractedOutputCommand } from '../application/commands/apply-extracted-output/apply-extracted-output.command';
import { RecordCycleDqScoreCommand } from '../application/commands/record-cycle-dq-score/record-cycle-dq-score.command';

/**
 * Thin stream consumers: each event becomes one command built from its fields, run in the idempotent transaction of
 * its delivery (the ambient transaction the command's unit of work joins).
 */
@Controller()
export class CycleEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @OnStreamEvent('conversation.data_extracted', { handler: 'fill-component-output-when-data-extracted' })
  async onDataExtracted(@Payload() event: TypedEvent<'conversation.data_extracted'>): Promise<void> {
    const { conversation_id, session_id, cycle_id, component_id, component_type, output } = event.payload;
    const extraction = {
      eventId: event.event_id,
      conversationId: conversation_id,
      sessionId: session_id,
      cycleId: cycle_id,
      componentId: component_id,
      componentType: component_type,
      output,
      userId: event.metadata.user_id,
    };
    await this.commands.execute(new ApplyExtractedOutputCommand(extraction, causedBy(event)));
  }

  @OnStreamEvent('analysis.dq_computed', { handler: 'record-cycle-dq-score-when-dq-computed' })
  async onDqComputed(@Payload() event: TypedEvent<'analysis.dq_computed'>): Promise<void> {
    const { cycle_id, session_id, overall_score, element_scores, computed_at } = event.payload;
    await this.commands.execute(
      new RecordCycleDqScoreCommand({
        cycleId: cycle_id,
        sessionId: session_id,
        overallScore: overall_score,
        elementScores: element_scores,
        computedAt: computed_at,
        eventId: event.event_id,
        sequence: event.sequence,
      }),
    );
  }
}
