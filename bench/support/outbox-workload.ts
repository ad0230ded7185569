import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { PendingEvent } from '@choice-sherpa/events/envelope/event-envelope';
import { pendingEvent } from '@choice-sherpa/events/outbox/testing/outbox-harness';
import { OutboxWriter } from '@choice-sherpa/events/outbox/outbox-writer';
import { allStreams, StreamLayout } from '@choice-sherpa/events/streams/stream-layout';

/** `n` valid events spread over `aggregates` aggregates of one run. */
export function outboxBenchEvents(n: number, aggregates = 200): PendingEvent[] {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: n }, (_, i) => pendingEvent(`${run}-${i % aggregates}`));
}

/** Commits `events` to the outbox in transactions of `perTransaction`, with `writers` concurrent writers. */
export async function writeBacklog(dataSource: DataSource, events: PendingEvent[], perTransaction = 500, writers = 4): Promise<void> {
  const writer = new OutboxWriter();
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < events.length) {
        const batch = events.slice(next, next + perTransaction);
        next += perTransaction;
        await dataSource.transaction((manager) => writer.append(manager, batch));
      }
    }),
  );
}

/** Total entries in the layout's streams. */
export async function streamLength(redis: Redis, layout: StreamLayout): Promise<number> {
  const pipeline = redis.pipeline();
  for (const stream of allStreams(layout)) pipeline.xlen(stream);
  const results = (await pipeline.exec()) ?? [];
  return results.reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
}

/**
 * Starts `send(i)` for i in [0, total) at `perSecond`, whatever the previous ones' progress (an open workload), with
 * at most `maxInFlight` outstanding; returns the achieved rate.
 */
export async function offered(total: number, perSecond: number, send: (i: number) => Promise<void>, maxInFlight = 64): Promise<number> {
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const sent: Promise<void> = send(i).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
  return total / ((performance.now() - start) / 1000);
}

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}
