import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnStreamEvent, TransportEvent } from '@choice-sherpa/events';
import { DeliverEvent } from '../application/deliver-event';
import { eventsLogged } from '../infrastructure/live.metrics';
import { PgSessionAccessStore } from '../infrastructure/pg-session-access.store';

/** Stream consumers of the gateway's consumer group. */
@Controller()
export class LiveEventsConsumer {
  private readonly logger = new Logger(LiveEventsConsumer.name);

  constructor(
    private readonly access: PgSessionAccessStore,
    private readonly deliverEvent: DeliverEvent,
  ) {}

  /** The access projection: session.created names the owner (payload.user_id). Runs before ws-deliver for the same entry. */
  @OnStreamEvent('session.created', { handler: 'ws-session-access' })
  async recordOwner(@Payload() event: TransportEvent): Promise<void> {
    if (event.event_type !== 'session.created') return;
    await this.access.record(event.payload.session_id, event.payload.user_id);
  }

  /**
   * Every session-scoped event to its session's log and sockets; the events of a read together (one transaction for
   * their log rows, after the read's access rows committed). Not wrapped in the transport's idempotent transaction on
   * purpose: the announcement must follow the log rows' commit, and the log's unique event_id already makes the append
   * idempotent (a redelivery re-announces; feeds drop duplicates).
   */
  @OnStreamEvent('*', { handler: 'ws-deliver', idempotent: false, batch: true })
  async deliver(@Payload() events: TransportEvent[]): Promise<void> {
    const outcomes = await this.deliverEvent.executeBatch(events);
    outcomes.forEach((outcome, i) => {
      const event = events[i];
      eventsLogged.inc({ event_type: event.event_type, outcome });
      if (outcome === 'redelivered') this.logger.log({ msg: 'event redelivered', event_id: event.event_id, event_type: event.event_type });
    });
  }
}
