import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { EventOf } from '../catalog/event-registry';
import type { EventType } from '../catalog/event-types';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { assertValidEnvelope } from '../parse/validate-pending-event';
import type { EventBus, EventHandler, Subscription, Unsubscribe } from './event-bus';

export type HandlerErrorReporter = (error: unknown, event: EventEnvelope) => void;

export interface InMemoryEventBusOptions {
  /** Called once per failing handler; the other handlers still run. Default: a Nest Logger error with ids only. */
  onHandlerError?: HandlerErrorReporter;
  /** Validate each event as the real transport would (default true), so handlers never see an invalid event. */
  validate?: boolean;
}

interface Entry {
  subscription: Subscription;
  handler: EventHandler<EventEnvelope>;
}

const logger = new Logger('InMemoryEventBus');

const logHandlerError: HandlerErrorReporter = (error, event) =>
  logger.error({
    msg: 'event handler failed',
    event_id: event.event_id,
    event_type: event.event_type,
    correlation_id: event.metadata.correlation_id,
    error: error instanceof Error ? error.name : typeof error,
  });

/**
 * Single-process bus for tests and one-process mode. Events are delivered one at a time in publish order, each to
 * its handlers in subscription order (awaited). An event published from inside a handler is queued behind the
 * current one, as the stream would deliver it; `await publish()` from outside resolves once the queue is drained.
 * Events without a `sequence` get the next one for their aggregate, as the outbox writer would assign it.
 */
export class InMemoryEventBus implements EventBus {
  private readonly entries: Entry[] = [];
  private readonly published: EventEnvelope[] = [];
  private readonly queue: EventEnvelope[] = [];
  private readonly sequences = new Map<string, number>();
  private readonly insideHandler = new AsyncLocalStorage<true>();
  private draining: Promise<void> | undefined;
  private readonly onHandlerError: HandlerErrorReporter;
  private readonly validate: boolean;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.onHandlerError = options.onHandlerError ?? logHandlerError;
    this.validate = options.validate ?? true;
  }

  publish(event: PendingEvent | EventEnvelope): Promise<void> {
    return this.publishAll([event]);
  }

  publishAll(events: ReadonlyArray<PendingEvent | EventEnvelope>): Promise<void> {
    let stamped: EventEnvelope[];
    try {
      stamped = events.map((event) => this.stamp(event));
      if (this.validate) stamped.forEach((event) => assertValidEnvelope(event));
    } catch (error) {
      return Promise.reject(error);
    }
    this.queue.push(...stamped);
    this.published.push(...stamped);
    if (this.insideHandler.getStore()) {
      this.drain();
      return Promise.resolve();
    }
    return this.drain();
  }

  subscribe<T extends EventType>(types: T | readonly T[], handler: EventHandler<EventOf<T>>): Unsubscribe;
  subscribe(types: '*', handler: EventHandler<EventEnvelope>): Unsubscribe;
  subscribe(types: Subscription | readonly Subscription[], handler: EventHandler<never>): Unsubscribe {
    const added = (Array.isArray(types) ? types : [types]).map((subscription) => ({
      subscription,
      handler: handler as EventHandler<EventEnvelope>,
    }));
    this.entries.push(...added);
    return () => {
      for (const entry of added) {
        const index = this.entries.indexOf(entry);
        if (index >= 0) this.entries.splice(index, 1);
      }
    };
  }

  subscribeAll(handler: EventHandler<EventEnvelope>): Unsubscribe {
    return this.subscribe('*', handler);
  }

  publishedEvents(): EventEnvelope[] {
    return [...this.published];
  }

  eventsOfType<T extends EventType>(type: T): EventOf<T>[] {
    return this.published.filter((event) => event.event_type === type) as unknown as EventOf<T>[];
  }

  /** Forgets published events and sequences; subscriptions stay. */
  clear(): void {
    this.published.length = 0;
    this.sequences.clear();
  }

  private stamp(event: PendingEvent | EventEnvelope): EventEnvelope {
    const last = this.sequences.get(event.aggregate_id) ?? 0;
    const given = (event as Partial<EventEnvelope>).sequence;
    const sequence = typeof given === 'number' ? given : last + 1;
    this.sequences.set(event.aggregate_id, Math.max(last, sequence));
    return typeof given === 'number' ? (event as EventEnvelope) : { ...event, sequence };
  }

  private drain(): Promise<void> {
    this.draining ??= this.deliverQueued();
    return this.draining;
  }

  private async deliverQueued(): Promise<void> {
    // Yield once so `draining` is assigned before it can be reset below.
    await Promise.resolve();
    try {
      for (let event = this.queue.shift(); event; event = this.queue.shift()) {
        const type = event.event_type;
        const targets = this.entries.filter((entry) => entry.subscription === '*' || entry.subscription === type);
        for (const { handler } of targets) await this.deliver(handler, event);
      }
    } finally {
      // Reset in the same tick the queue was found empty, so a later publish starts a new drain.
      this.draining = undefined;
    }
  }

  private async deliver(handler: EventHandler<EventEnvelope>, event: EventEnvelope): Promise<void> {
    try {
      await this.insideHandler.run(true, () => handler(event));
    } catch (error) {
      try {
        this.onHandlerError(error, event);
      } catch {
        // a failing reporter must not stop delivery either
      }
    }
  }
}
