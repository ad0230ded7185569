import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@choice-sherpa/events';
import type { NotificationFacts } from '../domain/notification';
import { PROJECTION_STORE, ProjectionStore, Tx } from './ports';
import { QueueNotification } from './queue-notification';

export type MembershipEvent = EventOf<'membership.created' | 'membership.upgraded' | 'membership.cancelled'>;

/** A membership event: the user's address (the token's email reaches us only this way) and its transactional email. */
@Injectable()
export class RecordMembershipChange {
  constructor(
    @Inject(PROJECTION_STORE) private readonly projections: ProjectionStore,
    private readonly queue: QueueNotification,
  ) {}

  async execute(tx: Tx, event: MembershipEvent): Promise<void> {
    const { user_id, email } = event.payload;
    await this.projections.upsertRecipient(tx, { userId: user_id, email, at: event.occurred_at, eventId: event.event_id });
    await this.queue.execute(tx, { eventId: event.event_id, correlationId: event.metadata.correlation_id }, user_id, factsOf(event));
  }
}

function factsOf(event: MembershipEvent): NotificationFacts {
  switch (event.event_type) {
    case 'membership.created':
      return { kind: 'welcome', tier: event.payload.tier };
    case 'membership.upgraded':
      return { kind: 'membership_upgraded', old_tier: event.payload.old_tier, new_tier: event.payload.new_tier };
    case 'membership.cancelled':
      return { kind: 'membership_cancelled', cancelled_at: event.payload.cancelled_at };
  }
}
