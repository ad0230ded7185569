import type { EventMetadataInput } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

/**
 * Add a created cycle to its session's cycle list; run inside the consumer's idempotent transaction. `eventId`: the
 * cycle.created event (for logs); `metadata`: of the events it raises (caused by cycle.created).
 */
export class TrackSessionCycleCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly cycleId: string,
    readonly eventId: string,
    readonly metadata: EventMetadataInput,
  ) {
    super();
  }
}
