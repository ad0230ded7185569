import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { GATEWAY_SETTINGS, GatewaySettings } from '../application/gateway-settings';
import { PgEventLogStore } from './pg-event-log.store';

const BATCH = 5_000;
const MAX_BATCHES_PER_SWEEP = 20;

/** Keeps the event log bounded: deletes rows older than the retention, in bounded batches, on every replica. */
@Injectable()
export class EventLogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventLogRetention.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly log: PgEventLogStore,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.settings.eventLogSweepIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** One bounded sweep; returns the number of rows deleted. */
  sweep(now = new Date()): Promise<number> {
    this.sweeping ??= this.runSweep(now).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.settings.eventLogRetentionMs);
    let total = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
        const deleted = await this.log.deleteOlderThan(cutoff, BATCH);
        total += deleted;
        if (deleted < BATCH) break;
      }
      if (total > 0) this.logger.log({ msg: 'event log trimmed', rows: total });
    } catch (error) {
      this.logger.warn({ msg: 'event log trim failed', error: (error as Error).message });
    }
    return total;
  }
}
