import { runWithCorrelationId } from '@choice-sherpa/platform/correlation/correlation-context';
import { describeError } from '@choice-sherpa/platform/logging/describe-error';
import { Logger } from '@nestjs/common';
import { lastValueFrom, isObservable } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { DeadLetterStore } from '../consumer/dead-letter.store';
import { IdempotentOutcome, runIdempotent } from '../consumer/run-idempotent';
import { applyBatch, BatchItem, Delivery, HandlerCall } from './batch-apply';
import type { ParseMessage, ParseOutcome, TransportEvent } from './parse-seam';
import { HandlerRegistry, RegisteredHandler } from './handler-registry';
import { RedisStreamsContext } from './redis-streams.context';
import { deadLettersTotal, duplicatesSkipped, eventsProcessed, processingDuration } from './transport.metrics';


/**
 * A delivery with its entry parsed (once), or `unhandled`: an entry of a type none of this group's handlers takes,
 * acknowledged without validating its payload (nothing here reads it).
 */
export type PreparedEntry = { delivery: Delivery; parsed: ParseOutcome; unhandled?: undefined } | { delivery: Delivery; unhandled: true };

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

  /**
   * Parses an entry once: the batch and the one-by-one paths both work from this. Handlers are matched first: an
   * entry whose type no handler takes is only read far enough to know its envelope's event_type (see unhandledType).
   */
  prepare(delivery: Delivery): PreparedEntry {
    if (this.isUnhandled(delivery.fields)) return { delivery, unhandled: true };
    return { delivery, parsed: this.settings.parseMessage(delivery.fields) };
  }

  /**
   * True when the entry's stream `type` has no handler here and its envelope's `event_type` (the JSON decoded, nothing
   * validated) is that same type. Anything else (no type field, data that is not a JSON object, a type differing from
   * the envelope's) is parsed in full, so it dead-letters as before rather than being skipped on a claim it makes.
   */
  private isUnhandled(fields: Record<string, string>): boolean {
    const type = fields.type;
    if (typeof type !== 'string' || typeof fields.data !== 'string' || this.handlers.match(type).length > 0) return false;
    try {
      const envelope: unknown = JSON.parse(fields.data);
      return typeof envelope === 'object' && envelope !== null && (envelope as { event_type?: unknown }).event_type === type;
    } catch {
      return false;
    }
  }

  /** Resolves when the entry may be acknowledged; rejects (no ACK) on shutdown or when a dead letter cannot be stored. */
  async process(entry: PreparedEntry, signal: AbortSignal): Promise<void> {
    if (entry.unhandled) return;
    const { delivery, parsed } = entry;
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
   * The leading entries of a read handled together (see applyBatch): one transaction for many events instead of one
   * each, and batch handlers called once with the read's events. Only first deliveries that parse, and whose handlers
   * are idempotent or batch handlers, qualify; the batch stops at the first entry that does not. Unhandled entries
   * never stop it and take no part in its transaction (none at all when the batch has only them).
   * Returns how many leading entries were handled (0: handle them all one by one).
   */
  async processBatch(entries: PreparedEntry[]): Promise<number> {
    // A single entry (the usual live read) goes to process(), which does the same with retries.
    if (entries.length < 2) return 0;
    const { work, ends, scanned } = this.batchable(entries);
    if (work.length === 0) return scanned; // only unhandled entries: nothing to do but acknowledge them
    if (work.length < 2) return 0;
    const handled = await applyBatch(this.settings.dataSource, work, this.call);
    // Entries up to the last handled item (unhandled ones among them included); all scanned when every item was.
    return handled === work.length ? scanned : handled === 0 ? 0 : ends[handled - 1];
  }

  /** The leading batchable entries' work; `ends[i]` is how many entries reach up to work item i, `scanned` how many qualified. */
  private batchable(entries: PreparedEntry[]): { work: BatchItem[]; ends: number[]; scanned: number } {
    const work: BatchItem[] = [];
    const ends: number[] = [];
    let scanned = 0;
    for (const entry of entries) {
      if (!entry.unhandled) {
        const { delivery, parsed } = entry;
        if (delivery.previousDeliveries > 0 || !parsed.ok) break;
        const handlers = this.handlers.match(parsed.event.event_type);
        if (handlers.some((handler) => !handler.idempotent && !handler.batch)) break;
        work.push({ delivery, event: parsed.event, handlers });
        ends.push(scanned + 1);
      }
      scanned++;
    }
    return { work, ends, scanned };
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

  /**
   * Calls the handler with its context, timing it: one event in the event's correlation context, or a batch (a batch
   * handler gets `[event]` when called for one event).
   */
  private readonly call: HandlerCall = async (handler, data, delivery, attempt, manager) => {
    const stop = processingDuration.startTimer({ handler: handler.name });
    try {
      const context = new RedisStreamsContext([delivery.stream, delivery.entryId, this.settings.group, attempt, manager]);
      const events = Array.isArray(data) ? data : handler.batch ? [data] : undefined;
      // Logs written while handling one event carry its correlation id, as a request's logs carry the request's.
      const result =
        events && events.length !== 1
          ? await handler.invoke(events, context)
          : await runWithCorrelationId(correlationOf(events?.[0] ?? (data as TransportEvent)), () => handler.invoke(events ?? data, context));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } finally {
      stop();
    }
  };

  private async invoke(handler: RegisteredHandler, event: TransportEvent, delivery: Delivery, attempt: number): Promise<IdempotentOutcome> {
    const call = (manager?: EntityManager) => this.call(handler, event, delivery, attempt, manager);
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

function correlationOf(event: TransportEvent): string {
  return event.metadata.correlation_id ?? event.event_id;
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
