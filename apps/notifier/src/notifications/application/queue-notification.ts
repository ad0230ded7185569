import { Inject, Injectable, Logger } from '@nestjs/common';
import { markTransaction } from '@choice-sherpa/events';
import { NotificationFacts, notificationKey } from '../domain/notification';
import { NOTIFICATION_OUTBOX, NotificationOutbox, Tx } from './ports';

/** The transaction flag the sender's commit hook looks for: a notification was queued, deliver it after commit. */
export const QUEUED_NOTIFICATIONS = 'notificationsQueued';

/** Writes a notification into the mail outbox, inside the consumer's idempotent transaction. */
@Injectable()
export class QueueNotification {
  private readonly logger = new Logger('Notifications');

  constructor(@Inject(NOTIFICATION_OUTBOX) private readonly outbox: NotificationOutbox) {}

  async execute(tx: Tx, cause: { eventId: string; correlationId: string | null }, userId: string | null, facts: NotificationFacts): Promise<void> {
    const key = notificationKey(facts.kind, cause.eventId);
    const queued = await this.outbox.enqueue(tx, { key, kind: facts.kind, userId, facts, sourceEventId: cause.eventId, correlationId: cause.correlationId });
    if (!queued) return;
    markTransaction(tx, QUEUED_NOTIFICATIONS);
    this.logger.log({ msg: 'notification queued', kind: facts.kind, event_id: cause.eventId });
  }
}
