import { Logger } from '@nestjs/common';
import type { StreamBroker } from '../broker/stream-broker';
import { DEFAULT_STREAM_LAYOUT, StreamLayout } from '../streams/stream-layout';
import { aggregateHash } from './aggregate-hash';
import { wakeAfterOutboxCommits } from './commit-wakeup';
import { OutboxMaintainer } from './outbox.maintainer';
import { OutboxStore } from './outbox.store';
import { OutboxPassPublisher } from './outbox-pass.publisher';
import type { OutboxRelayOptions, ResolvedRelayOptions } from './outbox-relay.options';
import { relayRedisBroker } from './outbox-relay.redis';
import { RelayScheduler } from './outbox-relay.scheduler';

export { RelayPublishError } from './outbox-pass.publisher';

/**
 * Moves committed outbox rows to the event streams (a StreamBroker: Redis Streams, or in-process). Safe to run in every replica at once:
 *
 * - Rows are chosen by state (`published_at IS NULL`), never by an id watermark, so late commits and rolled-back ids
 *   need no special handling.
 * - Each pass (OutboxPassPublisher) is one transaction holding advisory locks on the stream partitions it publishes,
 *   so one partition is published by one relay at a time; within it, rows go out in id order, which for one aggregate
 *   is sequence order (the writer's counter lock makes an aggregate's rows insert and commit one after the other).
 * - A pass claims its rows (sets published_at, uncommitted), XADDs them as one pipeline and commits only after Redis
 *   confirmed every XADD; otherwise it rolls back and the rows are still pending. A crash in between re-publishes the
 *   batch (same event_id: consumers deduplicate). Because publication only ever commits after the XADDs were
 *   confirmed, the first occurrence of every event in a stream is in sequence order even if two relays overlapped.
 * - A pass costs two PostgreSQL round trips (BEGIN + lock + claim in one, COMMIT) and one Redis round trip.
 * - `wake()` starts a pass at once (RelayScheduler). The relay calls it itself after every commit on its DataSource
 *   that wrote outbox rows (a TypeORM transaction subscriber, so no NOTIFY on the commit path), and UnitOfWork calls
 *   it too. Rows committed by other replicas are found by polling that adapts from minPollMs while there is work to
 *   maxPollMs.
 * - Retention, the pending gauges and republishSince are the OutboxMaintainer's.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly options: ResolvedRelayOptions;
  private readonly broker: StreamBroker;
  /** A broker passed in is shared (the process's in-process broker): the relay neither connects nor closes it. */
  private readonly ownsBroker: boolean;
  private readonly publisher: OutboxPassPublisher;
  private readonly scheduler: RelayScheduler;
  private readonly maintainer: OutboxMaintainer;
  private running = false;
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
    const store = new OutboxStore(options.dataSource, layout.partitions, aggregateHash(`outbox:${layout.prefix}`) | 0);
    this.ownsBroker = !options.broker;
    this.broker = options.broker ?? relayRedisBroker(options.redisUrl, this.options, this.logger);
    this.publisher = new OutboxPassPublisher(store, this.broker, this.options);
    this.scheduler = new RelayScheduler(async () => (await this.publisher.pass()).outcome, this.options, this.logger);
    this.maintainer = new OutboxMaintainer(store, this.publisher, this.options, this.logger);
  }

  /** Passes the background loop has finished (diagnostics and tests). */
  get passCount(): number {
    return this.scheduler.passCount;
  }

  get layout(): StreamLayout {
    return this.options.layout;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.ownsBroker) this.broker.connect().catch(() => undefined); // reconnects by itself; passes fail fast meanwhile
    this.unsubscribeCommits = wakeAfterOutboxCommits(this.options.dataSource, () => this.wake());
    this.scheduler.start();
    this.maintainer.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribeCommits?.();
    this.maintainer.stop();
    await this.scheduler.stop();
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
    this.scheduler.wake();
  }

  /**
   * One pass: claims partitions with pending rows, XADDs up to batchSize of their rows, marks them published.
   * Returns how many rows it published. Throws when PostgreSQL or Redis failed (the rows stay pending).
   */
  async publishPending(): Promise<number> {
    return (await this.publisher.pass()).published;
  }

  /** Published rows older than the retention are deleted, in bounded chunks; returns how many. */
  cleanup(): Promise<number> {
    return this.maintainer.cleanup();
  }

  /** Re-XADDs every retained row published at or after `since` (and any still pending); see OutboxMaintainer. */
  republishSince(since: Date): Promise<number> {
    return this.maintainer.republishSince(since);
  }

  refreshMetrics(): Promise<void> {
    return this.maintainer.refreshMetrics();
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
