import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/** Rows one table may lose once they are older than the retention. */
export interface RetentionTarget {
  /** Names the table in logs (never any of its data). */
  readonly name: string;
  /** Deletes at most `limit` rows older than `cutoff`; returns how many it deleted. */
  deleteOlderThan(cutoff: Date, limit: number): Promise<number>;
}

export interface RetentionOptions {
  retentionMs: number;
  intervalMs: number;
  /** Rows per DELETE (default 5,000): each statement stays short and holds few locks. */
  batchSize?: number;
  /** DELETEs per target and sweep (default 20): a sweep after a long pause does not run for minutes. */
  maxBatchesPerSweep?: number;
}

/** What `deleteOlderThan` runs: one bounded DELETE by ctid of the rows matching `olderThan` ($1 the cutoff, $2 the limit). */
function boundedDeleteSql(table: string, olderThan: string): string {
  return `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${olderThan} LIMIT $2)`;
}

/** TypeORM answers [rows, affected] for a DELETE on PostgreSQL. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/** A table swept with one bounded DELETE of the rows matching `olderThan` ($1 the cutoff); `query` is a DataSource's. */
export function tableRetention(database: { query(sql: string, parameters: unknown[]): Promise<unknown> }, table: string, olderThan: string): RetentionTarget {
  const sql = boundedDeleteSql(table, olderThan);
  return { name: table, deleteOlderThan: async (cutoff, limit) => affectedRows(await database.query(sql, [cutoff, limit])) };
}

/**
 * Keeps tables bounded: every `intervalMs` deletes their rows older than the retention, in bounded batches. Safe on
 * every replica at once (each DELETE takes its own rows); a failed sweep is logged and the next one tries again.
 * A service's provider extends it (its constructor names the tables and settings); Nest starts and stops the timer.
 */
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    context: string,
    private readonly targets: readonly RetentionTarget[],
    private readonly options: RetentionOptions,
  ) {
    this.logger = new Logger(context);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** One bounded sweep of every target; returns the number of rows deleted. A sweep under way is joined, not doubled. */
  sweep(now = new Date()): Promise<number> {
    this.sweeping ??= this.runSweep(now).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionMs);
    const batchSize = this.options.batchSize ?? 5_000;
    const maxBatches = this.options.maxBatchesPerSweep ?? 20;
    let total = 0;
    for (const target of this.targets) {
      let rows = 0;
      try {
        for (let batch = 0; batch < maxBatches; batch++) {
          const deleted = await target.deleteOlderThan(cutoff, batchSize);
          rows += deleted;
          if (deleted < batchSize) break;
        }
        if (rows > 0) this.logger.log({ msg: 'old rows deleted', table: target.name, rows });
      } catch (error) {
        this.logger.warn({ msg: 'retention sweep failed', table: target.name, error: (error as Error).message });
      }
      total += rows;
    }
    return total;
  }
}
