import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { SessionFeed } from '../domain/session-feed';
import { FeedRegistry } from './feed-registry';
import { GATEWAY_SETTINGS, GatewaySettings } from './gateway-settings';
import { EVENT_LOG_READER, EventLogReader, FEED_MONITOR, FeedMonitor } from './ports';

/** Session ids per heads read: one indexed query each, however many sessions this replica has sockets for. */
const HEADS_PER_READ = 1_000;

/**
 * Bounds the time to deliver an event whose announcement was lost (a Redis blip between replicas, a publish before
 * the namespace existed): every `feedCatchUpIntervalMs`, the heads of the sessions that have a feed on this replica
 * are read in one query, and a feed still below the head seen at the previous check reads the log. Comparing with
 * the previous check's head leaves announcements in flight alone (an event committed a moment ago is on its way), so
 * under steady traffic no feed reads twice; a lost one is delivered within two intervals. Nothing is read when this
 * replica has no joined sessions, and nothing more than the heads when every feed is caught up.
 */
@Injectable()
export class FeedCatchUp implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FeedCatchUp.name);
  private timer?: NodeJS.Timeout;
  private checking?: Promise<number>;
  /** The head each feed's session had at the previous check. */
  private readonly seen = new WeakMap<SessionFeed, number>();

  constructor(
    private readonly registry: FeedRegistry,
    @Inject(EVENT_LOG_READER) private readonly log: EventLogReader,
    @Inject(FEED_MONITOR) private readonly monitor: FeedMonitor,
    @Inject(GATEWAY_SETTINGS) private readonly settings: Pick<GatewaySettings, 'feedCatchUpIntervalMs'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), this.settings.feedCatchUpIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** One check (a check already running is joined, not doubled); resolves with the number of feeds found behind (and told to read). */
  check(): Promise<number> {
    this.checking ??= this.runCheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async runCheck(): Promise<number> {
    const sessions = this.registry.sessions();
    let behind = 0;
    try {
      for (let start = 0; start < sessions.length; start += HEADS_PER_READ) {
        const heads = await this.log.heads(sessions.slice(start, start + HEADS_PER_READ));
        for (const [sessionId, head] of heads) {
          for (const feed of this.registry.feedsOf(sessionId)) {
            const previous = this.seen.get(feed);
            this.seen.set(feed, head);
            if (previous === undefined || !feed.isBehind(previous)) continue;
            behind++;
            // The feed reports its own read failures and retries them; not awaited, so one slow session delays no other.
            void feed.catchUp();
          }
        }
      }
    } catch (error) {
      this.monitor.checkFailed();
      this.logger.warn({ msg: 'feed catch-up check failed; next check in the interval', error: (error as Error).message });
    }
    if (behind > 0) {
      this.monitor.caughtUp(behind);
      this.logger.log({ msg: 'feeds behind the event log caught up', feeds: behind });
    }
    return behind;
  }
}
