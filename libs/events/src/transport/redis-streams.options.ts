import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { StreamBroker } from '../broker/stream-broker';
import { DEFAULT_STREAM_LAYOUT, StreamLayout } from '../streams/stream-layout';
import { defaultParseMessage, ParseMessage } from './parse-seam';

export interface TrimOptions {
  /** How often the owner of a partition trims its stream. */
  intervalMs: number;
  /** Entries younger than this are kept even when every group acknowledged them (late new groups, replays). */
  retentionMs: number;
}

/** Options of the transport server (named after its first broker, Redis Streams). */
export interface RedisStreamsServerOptions {
  /** Redis URL, e.g. `redis://127.0.0.1:6379`: the server consumes from its own Redis broker. Or pass `broker`. */
  url?: string;
  /** A broker to consume from instead of one made from `url` (e.g. the process's in-process broker); not closed by the server. */
  broker?: StreamBroker;
  /** Consumer group: the consuming service's name, one group per service on every partition stream. */
  group: string;
  /** Stable replica name (pod name); identifies this replica's heartbeat and leases. Default: hostname-pid. */
  replica: string;
  layout: StreamLayout;
  /** The service's DataSource: processed_events (idempotency) and dead_letter_events live there. */
  dataSource?: DataSource;
  /** XREADGROUP BLOCK, bounded so a dropped connection never hangs a reader. */
  blockMs: number;
  /** XREADGROUP COUNT per partition read. */
  batchSize: number;
  /** Deliveries (Redis delivery count + in-process attempts) before an event is dead-lettered. */
  maxDeliveries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Pending entries idle this long under a foreign consumer name are claimed (XAUTOCLAIM) by the partition owner. */
  claimIdleMs: number;
  /** Partition lease time to live; must exceed renewIntervalMs + the longest handler run. */
  leaseTtlMs: number;
  renewIntervalMs: number;
  /** Redis command timeout (non-blocking commands). */
  commandTimeoutMs: number;
  /** false disables trimming. */
  trim: TrimOptions | false;
  parseMessage: ParseMessage;
}

export type RedisStreamsServerConfig = Pick<RedisStreamsServerOptions, 'group'> & Partial<RedisStreamsServerOptions>;

export const SERVER_DEFAULTS = {
  layout: DEFAULT_STREAM_LAYOUT,
  blockMs: 2_000,
  batchSize: 100,
  maxDeliveries: 5,
  backoffBaseMs: 100,
  backoffMaxMs: 5_000,
  claimIdleMs: 30_000,
  leaseTtlMs: 15_000,
  renewIntervalMs: 3_000,
  commandTimeoutMs: 5_000,
  trim: { intervalMs: 60_000, retentionMs: 24 * 60 * 60 * 1000 } as TrimOptions | false,
};

export function resolveServerOptions(config: RedisStreamsServerConfig): RedisStreamsServerOptions {
  const options: RedisStreamsServerOptions = {
    ...SERVER_DEFAULTS,
    replica: `${hostname()}-${process.pid}`,
    parseMessage: defaultParseMessage,
    ...stripUndefined(config),
  } as RedisStreamsServerOptions;
  if (options.leaseTtlMs <= options.renewIntervalMs * 2) {
    throw new Error('RedisStreamsServer: leaseTtlMs must exceed twice renewIntervalMs');
  }
  if (!options.url && !options.broker) throw new Error('RedisStreamsServer: set url (Redis) or broker');
  if (options.maxDeliveries < 1) throw new Error('RedisStreamsServer: maxDeliveries must be at least 1');
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
