import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnStreamEvent, RedisStreamsContext, TypedEvent } from '@choice-sherpa/events';
import { TrackSessionCycleCommand } from '../application/commands/track-session-cycle/track-session-cycle.command';

@Controller()
export class SessionEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @OnStreamEvent('cycle.created', { handler: 'track-cycle-in-session-when-cycle-created' })
  async onCycleCreated(@Payload() event: TypedEvent<'cycle.created'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.commands.execute(new TrackSessionCycleCommand(event, context.requireManager()));
  }
}
