import type { Logger } from '@nestjs/common';
import { outboxPublishErrors } from './outbox.metrics';
import { errorMessage, PassOutcome, RelayPublishError } from './outbox-pass.publisher';
import type { ResolvedRelayOptions } from './outbox-relay.options';

type SchedulerOptions = Pick<ResolvedRelayOptions, 'minPollMs' | 'maxPollMs' | 'minBackoffMs' | 'maxBackoffMs'>;

/**
 * Runs passes in the background: at once after `wake()`, else by polling that adapts from minPollMs while there is
 * work to maxPollMs while idle; after a failed pass it backs off (minBackoffMs doubling to maxBackoffMs), and a
 * contended pass (another relay holds the partitions) looks again shortly.
 */
export class RelayScheduler {
  private running = false;
  private loopDone?: Promise<void>;
  private wakeRequested = false;
  private interruptSleep?: () => void;
  private passes = 0;

  constructor(
    private readonly pass: () => Promise<PassOutcome>,
    private readonly options: SchedulerOptions,
    private readonly logger: Logger,
  ) {}

  /** Passes the loop has finished, failed ones included. */
  get passCount(): number {
    return this.passes;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Ends the loop after the current pass. */
  async stop(): Promise<void> {
    this.running = false;
    this.interruptSleep?.();
    await this.loopDone;
    this.loopDone = undefined;
  }

  wake(): void {
    this.wakeRequested = true;
    this.interruptSleep?.();
  }

  private async loop(): Promise<void> {
    let pollMs = this.options.minPollMs;
    let contendedMs = 1;
    let failures = 0;
    while (this.running) {
      this.wakeRequested = false;
      let outcome: PassOutcome;
      try {
        outcome = await this.pass();
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
}
