import { runWithCorrelationId } from '@choice-sherpa/platform/correlation/correlation-context';
import { describeError } from '@choice-sherpa/platform/logging/describe-error';
import { Logger } from '@nestjs/common';
import { lastValueFrom, isObservable } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { DeadLetterStore } from '../consumer/dead-letter.store';
import { IdempotentOutcome, PROCESSED_INSERT, runIdempotent } from '../consumer/run-idempotent';
import type { ParseMessage, TransportEvent } from './parse-seam';
import { HandlerRegistry, RegisteredHandler } from './handler-registry';
import { RedisStreamsContext } from './redis-streams.context';
import { deadLettersTotal, duplicatesSkipped, eventsProcessed, processingDuration } from './transport.metrics';

export interface Delivery {
  stream: string;
  entryId: string;
  fields: Record<string, string>;
  /** Deliveries before this one (Redis delivery count - 1 for pending entries, 0 for new ones). */
  previousDeliveries: number;
}

export interface ProcessorSettings {
  group: string;
  maxDeliveries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  parseMessage: ParseMessage;
  dataSource?: DataSource;
}

export class ShutdownAbort extends Error {}

/** Runs one entry through parse, every matching handler (retries with backoff) and dead letters. */
export class EntryProcessor {
  private readonly logger = new Logger(EntryProcessor.name);
  private readonly deadLetters?: DeadLetterStore;

  constructor(
    private readonly settings: ProcessorSettings,
    private readonly handlers: HandlerRegistry,
  ) {
    if (settings.dataSource) this.deadLetters = new DeadLetterStore(settings.dataSource);
  }

  /** Resolves when the entry may be acknowledged; rejects (no ACK) on shutdown or when a dead letter cannot be stored. */
  async process(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const parsed = this.settings.parseMessage(delivery.fields);
    if (!parsed.ok) {
      const { code, message, event_id, event_type } = parsed.reason;
      await this.park(delivery, null, { eventId: event_id ?? null, eventType: event_type ?? null }, code, message, delivery.previousDeliveries + 1, new Date());
      return;
    }
    for (const handler of this.handlers.match(parsed.event.event_type)) {
      await this.runWithRetries(delivery, handler, parsed.event, signal);
    }
  }

  /**
   * The leading entries of a read handled in ONE transaction: one commit for many events instead of one each, which
   * is what caps an idempotent consumer. Only first deliveries that parse and whose every handler is idempotent
   * qualify; the batch stops at the first entry that does not. Each entry runs under a savepoint: when a handler
   * throws, that entry is rolled back, the entries before it commit, and the caller handles the rest one by one
   * (retries, dead letters) from the failed entry on, so no handler sees an entry again after a later one.
   * Returns how many leading entries were handled and committed (0: handle them all one by one).
   */
  async processBatch(deliveries: Delivery[]): Promise<number> {
    const dataSource = this.settings.dataSource;
    // A single entry (the usual live read) goes straight to process(): parsing it here too would double the work.
    if (!dataSource || deliveries.length < 2) return 0;
    const work = this.batchable(deliveries);
    if (work.length < 2) return 0;
    const outcomes: { handler: string; outcome: IdempotentOutcome }[] = [];
    let handled = 0;
    try {
      await dataSource.transaction(async (manager) => {
        for (const { delivery, event, handlers } of work) {
          await manager.query('SAVEPOINT stream_entry');
          const entryOutcomes: typeof outcomes = [];
          try {
            for (const handler of handlers) {
              const inserted: unknown[] = await manager.query(PROCESSED_INSERT, [event.event_id, handler.name]);
              if (inserted.length > 0) await this.timedCall(handler, event, delivery, delivery.previousDeliveries + 1, manager);
              entryOutcomes.push({ handler: handler.name, outcome: inserted.length > 0 ? 'applied' : 'duplicate' });
            }
          } catch {
            await manager.query('ROLLBACK TO SAVEPOINT stream_entry');
            return;
          }
          await manager.query('RELEASE SAVEPOINT stream_entry');
          outcomes.push(...entryOutcomes);
          handled++;
        }
      });
    } catch {
      return 0; // the commit failed: nothing of the batch happened; one by one takes over
    }
    for (const { handler, outcome } of outcomes) {
      if (outcome === 'duplicate') duplicatesSkipped.inc({ handler });
      eventsProcessed.inc({ handler, outcome });
    }
    return handled;
  }

  private batchable(deliveries: Delivery[]): { delivery: Delivery; event: TransportEvent; handlers: RegisteredHandler[] }[] {
    const work: { delivery: Delivery; event: TransportEvent; handlers: RegisteredHandler[] }[] = [];
    for (const delivery of deliveries) {
      if (delivery.previousDeliveries > 0) break;
      const parsed = this.settings.parseMessage(delivery.fields);
      if (!parsed.ok) break;
      const handlers = this.handlers.match(parsed.event.event_type);
      if (handlers.some((handler) => !handler.idempotent)) break;
      work.push({ delivery, event: parsed.event, handlers });
    }
    return work;
  }

  /** One run through the idempotent path, for replays from the dead-letter store. */
  runOnce(handler: RegisteredHandler, event: TransportEvent, delivery: Omit<Delivery, 'previousDeliveries'>): Promise<IdempotentOutcome> {
    return this.invoke(handler, event, { ...delivery, previousDeliveries: 0 }, 1);
  }

  private async runWithRetries(delivery: Delivery, handler: RegisteredHandler, event: TransportEvent, signal: AbortSignal): Promise<void> {
    const firstFailedAt = new Date();
    for (let attempt = delivery.previousDeliveries + 1; ; attempt++) {
      try {
        await this.invoke(handler, event, delivery, attempt);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : typeof error === 'object' ? JSON.stringify(error) : String(error);
        // The reason without user data (database errors keep only SQLSTATE, constraint and table).
        const { stack: _stack, ...reason } = describeError(error);
        this.logger.warn({ msg: 'handler failed', handler: handler.name, event_id: event.event_id, event_type: event.event_type, attempt, error: reason });
        if (attempt >= this.settings.maxDeliveries) {
          const ids = { eventId: event.event_id, eventType: event.event_type };
          await this.park(delivery, handler.name, ids, 'handler_failed', message, attempt, firstFailedAt);
          return;
        }
        await abortableDelay(this.backoff(attempt), signal);
      }
    }
  }

  /** Calls the handler with its context, in the event's correlation context, timing it. */
  private async timedCall(handler: RegisteredHandler, event: TransportEvent, delivery: Delivery, attempt: number, manager?: EntityManager): Promise<void> {
    const stop = processingDuration.startTimer({ handler: handler.name });
    try {
      const context = new RedisStreamsContext([delivery.stream, delivery.entryId, this.settings.group, attempt, manager]);
      // Logs written while handling carry the event's correlation id, as a request's logs carry the request's.
      const correlationId = event.metadata.correlation_id ?? event.event_id;
      const result = await runWithCorrelationId(correlationId, () => handler.invoke(event, context));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } finally {
      stop();
    }
  }

  private async invoke(handler: RegisteredHandler, event: TransportEvent, delivery: Delivery, attempt: number): Promise<IdempotentOutcome> {
    const call = (manager?: EntityManager) => this.timedCall(handler, event, delivery, attempt, manager);
    try {
      const dataSource = this.settings.dataSource;
      const outcome = handler.idempotent && dataSource ? await runIdempotent(dataSource, handler.name, event.event_id, call) : ((await call()), 'applied' as const);
      if (outcome === 'duplicate') duplicatesSkipped.inc({ handler: handler.name });
      eventsProcessed.inc({ handler: handler.name, outcome });
      return outcome;
    } catch (error) {
      eventsProcessed.inc({ handler: handler.name, outcome: 'failed' });
      throw error;
    }
  }

  private async park(
    delivery: Delivery,
    handler: string | null,
    ids: { eventId: string | null; eventType: string | null },
    reasonCode: string,
    errorMessage: string,
    attempts: number,
    firstFailedAt: Date,
  ): Promise<void> {
    deadLettersTotal.inc({ handler: handler ?? 'none', reason: reasonCode });
    this.logger.error({ msg: 'event dead-lettered', event_id: ids.eventId, event_type: ids.eventType, handler, reason: reasonCode, attempts });
    if (!this.deadLetters) return;
    await this.deadLetters.park({
      ...ids, stream: delivery.stream, entryId: delivery.entryId, group: this.settings.group, handler,
      rawFields: delivery.fields, errorMessage: errorMessage.slice(0, 1000), reasonCode, attempts, firstFailedAt,
    });
  }

  private backoff(attempt: number): number {
    const exponential = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** (attempt - 1));
    return exponential / 2 + Math.random() * (exponential / 2);
  }
}

export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ShutdownAbort('stopped'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ShutdownAbort('stopped'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
