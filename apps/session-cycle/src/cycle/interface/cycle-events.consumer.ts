import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnStreamEvent, RedisStreamsContext, TypedEvent } from '@choice-sherpa/events';
import { ApplyExtractedOutputCommand } from '../application/commands/apply-extracted-output/apply-extracted-output.command';
import { RecordCycleDqScoreCommand } from '../application/commands/record-cycle-dq-score/record-cycle-dq-score.command';

/** Thin stream consumers: each event becomes one command, run in the idempotent transaction of its delivery. */
@Controller()
export class CycleEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @OnStreamEvent('conversation.data_extracted', { handler: 'fill-component-output-when-data-extracted' })
  async onDataExtracted(@Payload() event: TypedEvent<'conversation.data_extracted'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.commands.execute(new ApplyExtractedOutputCommand(event, context.requireManager()));
  }

  @OnStreamEvent('analysis.dq_computed', { handler: 'record-cycle-dq-score-when-dq-computed' })
  async onDqComputed(@Payload() event: TypedEvent<'analysis.dq_computed'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.commands.execute(new RecordCycleDqScoreCommand(event, context.requireManager()));
  }
}
