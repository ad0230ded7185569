import type { EventOf } from '../catalog/event-registry';
import type { EventType } from '../catalog/event-types';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';

export type EventHandler<E = EventEnvelope> = (event: E) => void | Promise<void>;

export type Unsubscribe = () => void;

/** '*' receives every event. */
export type Subscription = EventType | '*';

export interface EventBus {
  publish(event: PendingEvent | EventEnvelope): Promise<void>;
  publishAll(events: ReadonlyArray<PendingEvent | EventEnvelope>): Promise<void>;
  subscribe<T extends EventType>(types: T | readonly T[], handler: EventHandler<EventOf<T>>): Unsubscribe;
  subscribe(types: '*', handler: EventHandler<EventEnvelope>): Unsubscribe;
}
