import type { MessageHandler } from '@nestjs/microservices';

export interface HandlerExtras {
  /** Stable handler name: the processed_events key, metrics label and dead-letter column. */
  handler?: string;
  /** false for broadcast-only handlers: no transaction, no processed_events row. Default true. */
  idempotent?: boolean;
  /**
   * true: the handler applies a batch. It receives `TransportEvent[]` (the events of one read, in stream order, already
   * parsed; for an idempotent handler only those not yet processed, in the read's one transaction) instead of one
   * event. A batch that fails is handled again one event at a time (`[event]`), with retries and dead letters as usual.
   */
  batch?: boolean;
}

export interface RegisteredHandler {
  name: string;
  pattern: string;
  idempotent: boolean;
  batch: boolean;
  invoke: MessageHandler;
}

/** Handlers by exact event type, plus `*`; one event runs each distinct handler name once. */
export class HandlerRegistry {
  private readonly byPattern = new Map<string, RegisteredHandler[]>();
  /** match()'s answers by event type (every entry asks two or three times); cleared when a handler is added. */
  private readonly matched = new Map<string, RegisteredHandler[]>();

  add(pattern: string, invoke: MessageHandler, extras: HandlerExtras): void {
    this.matched.clear();
    const list = this.byPattern.get(pattern) ?? [];
    const name = extras.handler ?? (list.length === 0 ? pattern : `${pattern}#${list.length}`);
    list.push({ name, pattern, idempotent: extras.idempotent !== false, batch: extras.batch === true, invoke });
    this.byPattern.set(pattern, list);
  }

  /** The handlers of `eventType` (its own, then `*`'s), each name once; the same list for the same type, frozen (never mutate it). */
  match(eventType: string): RegisteredHandler[] {
    const known = this.matched.get(eventType);
    if (known) return known;
    const seen = new Set<string>();
    const found = Object.freeze(
      [...(this.byPattern.get(eventType) ?? []), ...(this.byPattern.get('*') ?? [])].filter((handler) => {
        if (seen.has(handler.name)) return false;
        seen.add(handler.name);
        return true;
      }),
    ) as RegisteredHandler[];
    // bounded: stream types are the catalog's (and whatever a broken producer writes: cap what is remembered)
    if (this.matched.size < 1_000) this.matched.set(eventType, found);
    return found;
  }

  byName(name: string): RegisteredHandler | undefined {
    for (const list of this.byPattern.values()) {
      const found = list.find((handler) => handler.name === name);
      if (found) return found;
    }
    return undefined;
  }

  get size(): number {
    return this.byPattern.size;
  }
}
