import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnStreamEvent, RedisStreamsContext, TransportEvent } from '@choice-sherpa/events';
import { ProjectDashboardEvent } from '../application/project-dashboard-event';
import { PROJECTED_EVENT_TYPES } from '../domain/project-event';

/** The processed_events key of the projection; rebuild clears its rows. */
export const DASHBOARD_HANDLER = 'dashboard-projection';

/** Thin: hands each event to the projection, inside the idempotent transaction the transport opened. */
@Controller()
export class DashboardEventsConsumer {
  constructor(private readonly project: ProjectDashboardEvent) {}

  @OnStreamEvent([...PROJECTED_EVENT_TYPES], { handler: DASHBOARD_HANDLER })
  async onEvent(@Payload() event: TransportEvent, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.project.execute(context.requireManager(), event);
  }
}
