import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { runIdempotent } from '@choice-sherpa/events/consumer/run-idempotent';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';
import { makeEvent } from '@choice-sherpa/events/transport/testing/transport-harness';

/** The effect both transports run per event: an idempotent PostgreSQL insert (processed_events + an effect row). */
export class BenchEffect {
  readonly handled = new Set<string>();
  readonly latenciesMs: number[] = [];
  readonly sentAt = new Map<string, number>();

  constructor(private readonly dataSource: DataSource, private readonly handler: string) {}

  async handle(event: EventEnvelope): Promise<void> {
    await runIdempotent(this.dataSource, this.handler, event.event_id, (manager) =>
      manager.query('INSERT INTO bench_effects (event_id, handler) VALUES ($1, $2)', [event.event_id, this.handler]),
    );
    this.record(event);
  }

  /**
   * The same effect inside the transport's idempotent transaction (it wrote the processed_events row). Recorded when
   * the handler returns, before that transaction commits (a millisecond or so earlier than `handle` records).
   */
  async handleIn(manager: EntityManager, event: EventEnvelope): Promise<void> {
    await manager.query('INSERT INTO bench_effects (event_id, handler) VALUES ($1, $2)', [event.event_id, this.handler]);
    this.record(event);
  }

  /** The same effect for a batch handler: one multi-row insert for the events of a read, in the transport's transaction. */
  async handleBatchIn(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    await insertEffects(manager, events.map((event) => event.event_id), this.handler);
    for (const event of events) this.record(event);
  }

  /** Effects of this handler committed in PostgreSQL. */
  async committed(): Promise<number> {
    return (await this.dataSource.query('SELECT count(*)::int AS n FROM bench_effects WHERE handler = $1', [this.handler]))[0].n as number;
  }

  private record(event: EventEnvelope): void {
    const sent = this.sentAt.get(event.event_id);
    if (sent !== undefined && !this.handled.has(event.event_id)) this.latenciesMs.push(performance.now() - sent);
    this.handled.add(event.event_id);
  }
}

export function benchEvents(n: number, aggregates = 500): EventEnvelope[] {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: n }, (_, i) => makeEvent(`${run}-${i % aggregates}`, Math.floor(i / aggregates) + 1));
}

/** Sends `events` at `perSecond`, in 10 ms ticks, stamping each send time. */
export async function paced(events: EventEnvelope[], perSecond: number, send: (event: EventEnvelope) => Promise<unknown>, effect?: BenchEffect): Promise<void> {
  const perTick = Math.max(1, Math.round(perSecond / 100));
  const start = performance.now();
  for (let i = 0; i < events.length; i += perTick) {
    const due = start + (i / perTick) * 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await Promise.all(
      events.slice(i, i + perTick).map((event) => {
        effect?.sentAt.set(event.event_id, performance.now());
        return send(event).catch(() => undefined);
      }),
    );
  }
}

/** Polls `condition` every 5 ms (running `refresh` before each check, e.g. a count query) until it holds or the time is up. */
export async function until(condition: () => boolean, timeoutMs: number, refresh?: () => Promise<unknown>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The bench's effect rows for many events in one statement (the batch handler and the naive batched bound). */
export function insertEffects(manager: EntityManager, eventIds: string[], handler: string): Promise<unknown> {
  return manager.query('INSERT INTO bench_effects (event_id, handler) SELECT id, $2 FROM unnest($1::uuid[]) AS id', [eventIds, handler]);
}
