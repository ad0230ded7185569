import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@choice-sherpa/events/outputs/plain-values';
import { EVENT_LOG_WRITER, EventLogWriter, LIVE_ANNOUNCER, LiveAnnouncer, NewLogEntry } from './ports';

/** The part of an envelope the gateway uses. */
export interface DeliverableEnvelope {
  event_id: string;
  event_type: string;
  aggregate_id: string;
  occurred_at: string;
  sequence: number;
  metadata: { correlation_id: string | null; causation_id: string | null };
  /** A validated payload (the transport parsed it); only `session_id` is read here. */
  payload: object;
}

export type DeliveryOutcome = 'delivered' | 'redelivered' | 'not_session_scoped';

/**
 * Logs session-scoped events (payload.session_id) once, then announces them to every replica. The announcements
 * come strictly after the rows committed; a redelivered event is announced again (feeds drop what they already sent),
 * so a crash between commit and announcement loses nothing.
 */
@Injectable()
export class DeliverEvent {
  constructor(
    @Inject(EVENT_LOG_WRITER) private readonly log: EventLogWriter,
    @Inject(LIVE_ANNOUNCER) private readonly announcer: LiveAnnouncer,
  ) {}

  /** The events of one read, in stream order: logged with one transaction, announced in the same order. */
  async executeBatch(envelopes: DeliverableEnvelope[]): Promise<DeliveryOutcome[]> {
    const entries = envelopes.map(toEntry);
    const results = await this.log.appendMany(entries.filter((entry): entry is NewLogEntry => entry !== null));
    for (const { event } of results) this.announcer.announce(event);
    let next = 0;
    return entries.map((entry) => {
      if (!entry) return 'not_session_scoped';
      return results[next++].appended ? 'delivered' : 'redelivered';
    });
  }
}

function toEntry(envelope: DeliverableEnvelope): NewLogEntry | null {
  const payload = envelope.payload as Record<string, unknown>;
  const sessionId = payload?.session_id;
  if (!isUuid(sessionId)) return null;
  return {
    event_id: envelope.event_id,
    event_type: envelope.event_type,
    session_id: sessionId.toLowerCase(),
    aggregate_id: envelope.aggregate_id,
    occurred_at: envelope.occurred_at,
    sequence: envelope.sequence,
    correlation_id: envelope.metadata.correlation_id ?? null,
    causation_id: envelope.metadata.causation_id ?? null,
    data: payload,
  };
}
