import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisStreamBroker } from '../broker/redis-stream-broker';
import type { StreamBroker } from '../broker/stream-broker';
import { DEFAULT_STREAM_LAYOUT, StreamLayout, streamFor } from '../streams/stream-layout';
import { aggregateHash } from './aggregate-hash';
import { wakeAfterOutboxCommits } from './commit-wakeup';
import { eventsPublished, outboxAgeSeconds, outboxPendingCount, outboxPublishErrors } from './outbox.metrics';
import { OutboxRow, OutboxStore } from './outbox.store';
import type { OutboxRelayOptions, ResolvedRelayOptions } from './outbox-relay.options';

type PassOutcome = 'published' | 'idle' | 'contended' | 'failed';
interface PassResult {
  published: number;
  outcome: PassOutcome;
  error?: unknown;
}

const CLEANUP_CHUNK = 5_000;
const CLEANUP_MAX_CHUNKS = 200;

/**
 * Moves committed outbox rows to the event streams (a StreamBroker: Redis Streams, or in-process). Safe to run in every replica at once:
 *
 * - Rows are chosen by state (`published_at IS NULL`), never by an id watermark, so late commits and rolled-back ids
 *   need no special handling.
 * - Each pass is one transaction holding advisory locks on the stream partitions it publishes, so one partition is
 *   published by one relay at a time; within it, rows go out in id order, which for one aggregate is sequence order
 *   (the writer's counter lock makes an aggregate's rows insert and commit one transaction after the other).
 * - A pass claims its rows (sets published_at, uncommitted), XADDs them as one pipeline and commits only after Redis
 *   confirmed every XADD; otherwise it rolls back and the rows are still pending. A crash in between re-publishes the
 *   batch (same event_id: consumers deduplicate). Because publication only ever commits after the XADDs were
 *   confirmed, the first occurrence of every event in a stream is in sequence order even if two relays overlapped.
 * - A pass costs two PostgreSQL round trips (BEGIN + lock + claim in one, COMMIT) and one Redis round trip.
 * - `wake()` starts a pass at once. The relay calls it itself after every commit on its DataSource that wrote outbox
 *   rows (a TypeORM transaction subscriber, so no NOTIFY on the commit path), and UnitOfWork calls it too. Rows
 *   committed by other replicas are found by polling that adapts from minPollMs while there is work to maxPollMs.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly options: ResolvedRelayOptions;
  private readonly store: OutboxStore;
  private readonly broker: StreamBroker;
  /** A broker passed in is shared (the process's in-process broker): the relay neither connects nor closes it. */
  private readonly ownsBroker: boolean;
  private running = false;
  private loopDone?: Promise<void>;
  private wakeRequested = false;
  private interruptSleep?: () => void;
  private timers: NodeJS.Timeout[] = [];
  private passes = 0;
  private unsubscribeCommits?: () => void;

  constructor(options: OutboxRelayOptions) {
    const layout: StreamLayout = options.layout ?? DEFAULT_STREAM_LAYOUT;
    this.options = {
      layout,
      name: 'outbox-relay',
      batchSize: 500,
      maxPartitionsPerPass: layout.partitions,
      minPollMs: 5,
      maxPollMs: 500,
      minBackoffMs: 50,
      maxBackoffMs: 2_000,
      retentionMs: 7 * 24 * 3_600_000,
      cleanupIntervalMs: 60_000,
      metricsIntervalMs: 1_000,
      commandTimeoutMs: 2_000,
      ...stripUndefined(options),
    } as ResolvedRelayOptions;
    this.logger = new Logger(this.options.name);
    this.store = new OutboxStore(options.dataSource, layout.partitions, aggregateHash(`outbox:${layout.prefix}`) | 0);
    this.ownsBroker = !options.broker;
    this.broker = options.broker ?? this.connectRedis(options.redisUrl);
  }

  private connectRedis(url: string | undefined): RedisStreamBroker {
    if (!url) throw new Error('OutboxRelay: set redisUrl or broker');
    const redis = new Redis(url, {
      connectionName: this.options.name,
      lazyConnect: true,
      commandTimeout: this.options.commandTimeoutMs,
      // Fail fast while Redis is down: the relay's own loop retries, with the rows still pending in PostgreSQL.
      maxRetriesPerRequest: 1,
      // Never let ioredis replay a timed-out XADD later, behind newer entries; the relay re-sends from the outbox.
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(1_000, 25 * 2 ** Math.min(times, 6)),
    });
    let lastLoggedAt = 0;
    redis.on('error', (error: Error) => {
      if (Date.now() - lastLoggedAt < 5_000) return;
      lastLoggedAt = Date.now();
      this.logger.warn({ msg: 'redis connection error; reconnecting', error: error.message });
    });
    return new RedisStreamBroker(redis);
  }

  /** Passes the background loop has finished (diagnostics and tests). */
  get passCount(): number {
    return this.passes;
  }

  get layout(): StreamLayout {
    return this.options.layout;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.ownsBroker) this.broker.connect().catch(() => undefined); // reconnects by itself; passes fail fast meanwhile
    this.unsubscribeCommits = wakeAfterOutboxCommits(this.options.dataSource, () => this.wake());
    this.loopDone = this.loop();
    if (this.options.cleanupIntervalMs > 0) this.every(this.options.cleanupIntervalMs, () => this.cleanup());
    if (this.options.metricsIntervalMs > 0) this.every(this.options.metricsIntervalMs, () => this.refreshMetrics());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribeCommits?.();
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.interruptSleep?.();
    await this.loopDone;
    this.loopDone = undefined;
    if (this.ownsBroker) await this.broker.close();
  }

  /**
   * The broker's recovery point (an in-process broker starts empty): re-publishes what it may have lost, before the
   * first pass, so the streams get every aggregate's events in order. Returns the rows re-published (0 on Redis).
   */
  async recover(): Promise<number> {
    const since = this.broker.recoveryPoint();
    return since ? this.republishSince(since) : 0;
  }

  /** Asks for a pass now (after a local commit). Cheap and safe to call from anywhere, any number of times. */
  wake(): void {
    this.wakeRequested = true;
    this.interruptSleep?.();
  }

  /**
   * One pass: claims partitions with pending rows, XADDs up to batchSize of their rows, marks them published.
   * Returns how many rows it published. Throws when PostgreSQL or Redis failed (the rows stay pending).
   */
  async publishPending(): Promise<number> {
    return (await this.pass()).published;
  }

  /** Published rows older than the retention are deleted, in bounded chunks; returns how many. */
  async cleanup(): Promise<number> {
    let deleted = 0;
    for (let chunk = 0; chunk < CLEANUP_MAX_CHUNKS; chunk++) {
      const n = await this.store.deletePublishedBefore(this.options.retentionMs, CLEANUP_CHUNK);
      deleted += n;
      if (n < CLEANUP_CHUNK) break;
    }
    if (deleted > 0) this.logger.log({ msg: 'outbox retention cleanup', deleted });
    return deleted;
  }

  /**
   * Recovery when Redis lost data: re-XADDs every retained row published at or after `since` (and any still
   * pending), partition by partition in id order while holding that partition's lock, so per-aggregate order holds.
   * Consumers deduplicate by event_id, so entries they already have are harmless. Returns the rows XADDed.
   */
  async republishSince(since: Date): Promise<number> {
    let total = 0;
    for (let partition = 0; partition < this.options.layout.partitions; partition++) {
      total += await this.store.withConnection(async (client) => {
        await this.store.beginAndLockPartition(client, partition);
        let afterId = '0';
        let count = 0;
        for (;;) {
          const rows = await this.store.rowsToRepublish(client, partition, since, afterId, this.options.batchSize);
          if (rows.length === 0) break;
          await this.xadd(rows);
          const pending = rows.filter((row) => row.pending).map((row) => row.id);
          if (pending.length > 0) await this.store.markPublished(client, pending);
          count += rows.length;
          afterId = rows[rows.length - 1].id;
        }
        await this.store.commit(client);
        return count;
      });
    }
    this.logger.log({ msg: 'outbox republished', since: since.toISOString(), rows: total });
    return total;
  }

  async refreshMetrics(): Promise<void> {
    const stats = await this.store.pendingStats();
    outboxPendingCount.set(stats.count);
    outboxAgeSeconds.set(stats.oldestAgeSeconds);
  }

  private async loop(): Promise<void> {
    let pollMs = this.options.minPollMs;
    let contendedMs = 1;
    let failures = 0;
    while (this.running) {
      this.wakeRequested = false;
      let outcome: PassOutcome;
      try {
        outcome = (await this.pass()).outcome;
        failures = 0;
      } catch (error) {
        this.passes++;
        failures++;
        if (!(error instanceof RelayPublishError)) outboxPublishErrors.inc({ stage: 'postgres' });
        const backoff = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** Math.min(failures - 1, 10));
        this.logger.warn({ msg: 'outbox pass failed; rows stay pending', attempt: failures, retryInMs: backoff, error: errorMessage(error) });
        await this.sleep(backoff, false);
        continue;
      }
      this.passes++;
      if (outcome === 'published') {
        pollMs = this.options.minPollMs;
        contendedMs = 1;
        continue;
      }
      if (outcome === 'contended') {
        // Another relay is publishing these partitions (our rows included, it selects by state): look again shortly,
        // backing off so two relays do not spin on each other's locks; wake-ups would add nothing meanwhile.
        await this.sleep(contendedMs, false);
        contendedMs = Math.min(contendedMs * 2, this.options.minPollMs * 4);
        pollMs = this.options.minPollMs;
        continue;
      }
      contendedMs = 1;
      if (this.wakeRequested) {
        pollMs = this.options.minPollMs;
        continue;
      }
      await this.sleep(pollMs, true);
      pollMs = this.wakeRequested ? this.options.minPollMs : Math.min(this.options.maxPollMs, pollMs * 2);
    }
  }

  private async pass(): Promise<PassResult> {
    const partitions = this.options.layout.partitions;
    const maxPartitionsPerPass = this.options.maxPartitionsPerPass;
    // Claiming every free partition needs no look-ahead; claiming a share must aim at partitions that have work.
    const candidates = maxPartitionsPerPass >= partitions ? range(partitions) : await this.store.pendingPartitions(this.options.batchSize * 2);
    if (candidates.length === 0) return { published: 0, outcome: 'idle' };
    shuffle(candidates); // relays racing for the same partitions spread out instead of colliding in one order
    const result = await this.store.withConnection(async (client): Promise<PassResult & { rows?: OutboxRow[] }> => {
      const { locked, rows } = await this.store.beginAndClaim(client, candidates, maxPartitionsPerPass, this.options.batchSize);
      if (rows.length === 0) {
        await this.store.commit(client);
        return { published: 0, outcome: locked.length === 0 ? 'contended' : 'idle' };
      }
      try {
        await this.xadd(rows);
      } catch (error) {
        await this.store.rollback(client);
        return { published: 0, outcome: 'failed', rows, error };
      }
      await this.options.beforeMarkPublished?.(rows.map((row) => row.event_id));
      await this.store.commit(client);
      return { published: rows.length, outcome: 'published', rows };
    });
    if (result.outcome === 'failed') {
      outboxPublishErrors.inc({ stage: 'redis' });
      const ids = result.rows!.map((row) => row.id);
      await this.store.recordFailure(ids, errorMessage(result.error)).catch(() => undefined); // bookkeeping only
      throw new RelayPublishError(ids.length, result.error);
    }
    if (result.rows) countPublished(result.rows);
    return result;
  }

  /** One append of the batch (Redis: one pipeline, one round trip); throws unless the broker confirmed every entry. */
  private async xadd(rows: OutboxRow[]): Promise<void> {
    await this.broker.append(
      rows.map((row) => ({ stream: streamFor(this.options.layout, row.aggregate_id), fields: { type: row.event_type, data: row.envelope } })),
    );
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (wakeable && this.wakeRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.interruptSleep = undefined;
        resolve();
      }
      // A wake during a backoff only matters for stop(): the backoff protects a recovering PostgreSQL or Redis.
      this.interruptSleep = wakeable ? done : () => (this.running ? undefined : done());
    });
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      task()
        .catch((error) => this.logger.warn({ msg: 'outbox housekeeping failed', error: errorMessage(error) }))
        .finally(() => (busy = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}

/** A batch whose XADDs Redis did not all confirm; its rows stay pending and carry the error. */
export class RelayPublishError extends Error {
  constructor(readonly rows: number, cause: unknown) {
    super(`publishing ${rows} outbox rows failed: ${errorMessage(cause)}`);
    this.name = 'RelayPublishError';
  }
}

function countPublished(rows: OutboxRow[]): void {
  const byType = new Map<string, number>();
  for (const row of rows) byType.set(row.event_type, (byType.get(row.event_type) ?? 0) + 1);
  for (const [eventType, n] of byType) eventsPublished.inc({ event_type: eventType }, n);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
