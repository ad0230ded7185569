import type { EventPayloadMap } from '../catalog/event-registry';
import type { EventType } from '../catalog/event-types';
import { createEvent, type PendingEventOf } from './event-factory';
import type { EventMetadataInput } from '../envelope/event-metadata';

/**
 * Base of the services' aggregates (session-cycle, conversation).
 *
 * Why our own and not @nestjs/cqrs' AggregateRoot: the house rule forbids Nest imports in domain folders
 * (test/architecture/boundaries.spec.ts), and the aggregate only needs to record events, not publish them.
 *
 * Events and metadata (the decision): a command method records a `RaisedEvent` (type, catalog payload, time). The
 * aggregate does not know the request, so metadata (correlation id, user id, causation id) is supplied once when
 * the application layer drains the events: `pullEvents(metadata)` turns them into `PendingEvent`s with
 * `createEvent` (event id, aggregate type and schema version from the registry) and clears them. The repository /
 * unit of work then writes them to the outbox in the same transaction as the aggregate's row.
 *
 * `version` is the persisted version the aggregate was loaded with (0 for a new one); the domain never changes it,
 * the repository checks and bumps it (optimistic concurrency). Rehydration (`fromSnapshot`) raises no events.
 */
export interface RaisedEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloadMap[T];
  occurredAt: Date;
}

export type AnyPendingEvent = { [K in EventType]: PendingEventOf<K> }[EventType];

export abstract class AggregateRoot {
  private raised: RaisedEvent[] = [];

  protected constructor(
    readonly id: string,
    readonly version: number,
  ) {}

  protected raise<T extends EventType>(type: T, payload: EventPayloadMap[T], occurredAt: Date): void {
    this.raised.push({ type, payload, occurredAt } as RaisedEvent);
  }

  /** The events recorded since the last pull, oldest first (for tests and inspection; does not clear). */
  get raisedEvents(): readonly RaisedEvent[] {
    return [...this.raised];
  }

  /** Whether anything changed since loading (the repository can skip a save when not). */
  get hasUnpulledEvents(): boolean {
    return this.raised.length > 0;
  }

  /** Builds the pending events with the caller's metadata and clears them. */
  pullEvents(metadata: EventMetadataInput): AnyPendingEvent[] {
    const events = this.raised.map(
      (event) =>
        createEvent(event.type, { aggregateId: this.id, payload: event.payload, metadata, occurredAt: event.occurredAt }) as AnyPendingEvent,
    );
    this.raised = [];
    return events;
  }
}
