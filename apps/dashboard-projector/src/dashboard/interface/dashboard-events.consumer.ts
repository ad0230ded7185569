import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnStreamEvent, TransactionScope, TransportEvent } from '@choice-sherpa/events';
import { ProjectDashboardEvent } from '../application/project-dashboard-event';
import { PROJECTED_EVENT_TYPES } from '../domain/project-event';
import { PgBatchReadModelStore } from '../infrastructure/pg-batch-read-model.store';

/** The processed_events key of the projection; rebuild clears its rows. */
export const DASHBOARD_HANDLER = 'dashboard-projection';

/**
 * Thin: hands the events of a read (those not processed yet, in stream order) to the projection, inside the
 * idempotent transaction the transport opened (the ambient one); a failing batch comes again one event at a time.
 */
@Controller()
export class DashboardEventsConsumer {
  constructor(
    private readonly project: ProjectDashboardEvent,
    private readonly scope: TransactionScope,
  ) {}

  @OnStreamEvent([...PROJECTED_EVENT_TYPES], { handler: DASHBOARD_HANDLER, batch: true })
  async onEvents(@Payload() events: TransportEvent[]): Promise<void> {
    // the records the events touch, read (positions locked) with one statement per table
    const store = await PgBatchReadModelStore.load(this.scope.manager(), events);
    await this.project.executeBatch(store, events);
  }
}
