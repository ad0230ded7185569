import type { Logger } from '@nestjs/common';
import { outboxAgeSeconds, outboxPendingCount } from './outbox.metrics';
import { errorMessage, OutboxPassPublisher } from './outbox-pass.publisher';
import type { OutboxStore } from './outbox.store';
import type { ResolvedRelayOptions } from './outbox-relay.options';

const CLEANUP_CHUNK = 5_000;
const CLEANUP_MAX_CHUNKS = 200;

type MaintenanceOptions = Pick<ResolvedRelayOptions, 'layout' | 'batchSize' | 'retentionMs' | 'cleanupIntervalMs' | 'metricsIntervalMs'>;

/** The outbox's upkeep: retention of published rows, the pending gauges, and re-publication after Redis lost data. */
export class OutboxMaintainer {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: OutboxPassPublisher,
    private readonly options: MaintenanceOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts the periodic cleanup and metrics refresh (an interval of 0 disables either). */
  start(): void {
    if (this.options.cleanupIntervalMs > 0) this.every(this.options.cleanupIntervalMs, () => this.cleanup());
    if (this.options.metricsIntervalMs > 0) this.every(this.options.metricsIntervalMs, () => this.refreshMetrics());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
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
          await this.publisher.xadd(rows);
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
