import { Injectable } from '@nestjs/common';
import type { FeedMonitor } from '../application/ports';
import { feedCatchUps, feedCheckFailures, feedReadFailures } from './live.metrics';

/** FeedMonitor as Prometheus counters (no labels: nothing about which session or socket). */
@Injectable()
export class PromFeedMonitor implements FeedMonitor {
  readFailed(): void {
    feedReadFailures.inc();
  }

  caughtUp(count: number): void {
    feedCatchUps.inc(count);
  }

  checkFailed(): void {
    feedCheckFailures.inc();
  }
}
