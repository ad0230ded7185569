import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@choice-sherpa/events';
import { PROJECTION_STORE, ProjectionStore, Tx } from './ports';
import { QueueNotification } from './queue-notification';

/**
 * cycle.completed: a summary for the session's owner. The owner is the session projection's, else the command's user
 * (only the owner completes a cycle); the rest (address, title, best alternative, preference) is read when it is sent.
 */
@Injectable()
export class QueueCycleSummary {
  constructor(
    @Inject(PROJECTION_STORE) private readonly projections: ProjectionStore,
    private readonly queue: QueueNotification,
  ) {}

  async execute(tx: Tx, event: EventOf<'cycle.completed'>): Promise<void> {
    const { session_id, cycle_id, dq_score, completed_at } = event.payload;
    const owner = (await this.projections.session(tx, session_id))?.userId ?? event.metadata.user_id;
    await this.queue.execute(tx, { eventId: event.event_id, correlationId: event.metadata.correlation_id }, owner, {
      kind: 'cycle_summary', session_id, cycle_id, dq_score, completed_at,
    });
  }
}
