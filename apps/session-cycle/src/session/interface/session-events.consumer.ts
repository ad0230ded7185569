import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { causedBy, OnStreamEvent, TypedEvent } from '@choice-sherpa/events';
import { TrackSessionCycleCommand } from '../application/commands/track-session-cycle/track-session-cycle.command';

/** A thin stream consumer: the event becomes a command built from its fields, run in its delivery's idempotent transaction. */
@Controller()
export class SessionEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @OnStreamEvent('cycle.created', { handler: 'track-cycle-in-session-when-cycle-created' })
  async onCycleCreated(@Payload() event: TypedEvent<'cycle.created'>): Promise<void> {
    await this.commands.execute(new TrackSessionCycleCommand(event.payload.session_id, event.payload.cycle_id, event.event_id, causedBy(event)));
  }
}
