import type { DataSource } from 'typeorm';
import type { StreamBroker } from '../broker/stream-broker';
import type { StreamLayout } from '../streams/stream-layout';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Redis URL: the relay publishes through a connection of its own. Or pass `broker`. */
  redisUrl?: string;
  /** A broker to publish to instead (e.g. the process's in-process broker); the relay does not close it. */
  broker?: StreamBroker;
  layout?: StreamLayout;
  /** Name in logs and the Redis connection name. */
  name?: string;
  /** Rows XADDed in one pipeline and marked in one UPDATE. Default 500. */
  batchSize?: number;
  /**
   * Partitions one relay claims per pass. Default: every free one (the fastest pass; with several relays they take
   * turns). Lower it to make several relays publish different partitions at the same time.
   */
  maxPartitionsPerPass?: number;
  /** Poll interval right after work was found; doubles while idle up to maxPollMs. Defaults 5 and 500. */
  minPollMs?: number;
  maxPollMs?: number;
  /** Backoff after a failed pass (PostgreSQL or Redis down): doubles from min to max. Defaults 50 and 2,000. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Published rows older than this are deleted. Default 7 days. */
  retentionMs?: number;
  /** How often the retention cleanup runs; 0 disables it. Default 60 s. */
  cleanupIntervalMs?: number;
  /** How often outbox_pending_count and outbox_age_seconds are refreshed; 0 disables it. Default 1 s. */
  metricsIntervalMs?: number;
  /** Redis command timeout. Default 2,000 ms. */
  commandTimeoutMs?: number;
  /** Test seam: runs after Redis confirmed every XADD of a batch and before the rows are marked published. */
  beforeMarkPublished?: (eventIds: string[]) => Promise<void>;
}

export type ResolvedRelayOptions = Required<Omit<OutboxRelayOptions, 'beforeMarkPublished' | 'broker' | 'redisUrl'>> &
  Pick<OutboxRelayOptions, 'beforeMarkPublished' | 'broker' | 'redisUrl'>;
