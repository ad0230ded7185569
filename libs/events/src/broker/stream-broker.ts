/**
 * The stream port: what the outbox relay publishes to and the transport server consumes from. Two adapters keep the
 * same contract: Redis Streams (`RedisStreamBroker`, several processes) and in-process (`InProcessStreamBroker`, one
 * process, `npm start`). The semantics are those of Redis consumer groups: entries are appended in order per stream,
 * each group reads every entry once as new (then it is pending under the reading consumer until acknowledged), a
 * consumer re-reads its own pending entries from the start, and idle pending entries of other consumers can be claimed.
 */
export interface StreamEntry {
  id: string;
  /** null: the entry was trimmed from the stream while it was pending (nothing left to handle). */
  fields: Record<string, string> | null;
}

export interface PendingSummary {
  total: number;
  /** Consumers with at least one pending entry, and how many. */
  consumers: Map<string, number>;
}

export interface AppendedEntry {
  stream: string;
  fields: Record<string, string>;
}

export interface StreamBroker {
  readonly kind: 'redis' | 'in-process';
  /**
   * Where consumers must be caught up from after a start, or null when the broker keeps its entries itself (Redis).
   * An in-process broker lives as long as its process: relays re-publish the outbox rows published since this date.
   */
  recoveryPoint(): Date | null;
  /** Appends the entries in order; resolves with their ids only when the broker confirmed every one, else rejects. */
  append(entries: AppendedEntry[]): Promise<string[]>;
  /** Creates the group from the stream's beginning (a new service receives earlier entries); an existing group is fine. */
  ensureGroup(stream: string, group: string): Promise<void>;
  /** This consumer's pending entries (delivered, not acknowledged) from the oldest; counts as a new delivery of each. */
  readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]>;
  /** How many entries of the group are pending, in all and per consumer; rejects with NOGROUP when there is no group. */
  pendingSummary(stream: string, group: string): Promise<PendingSummary>;
  /** Delivery counts of this consumer's pending entries between two ids. */
  deliveryCounts(stream: string, group: string, consumer: string, start: string, end: string, count: number): Promise<Map<string, number>>;
  /** Moves entries pending under other consumers for at least idleMs to this consumer (without counting a delivery). */
  claimIdle(stream: string, group: string, consumer: string, idleMs: number): Promise<void>;
  ack(stream: string, group: string, ids: string[]): Promise<void>;
  /** Entries not yet delivered to the group, or null when unknown. */
  lag(stream: string, group: string): Promise<number | null>;
  /** Removes entries every group has acknowledged and that are older than retentionMs; returns how many. */
  trim(stream: string, retentionMs: number): Promise<number>;
  /** A reader for blocking reads of new entries (Redis: its own connection, since a blocking read holds one). */
  openReader(name: string, timeoutMs: number): BlockingReader;
  /** Partition leases and replica heartbeats of consumer groups. */
  readonly leases: LeaseStore;
  connect(): Promise<void>;
  close(): Promise<void>;
}

export interface BlockingReader {
  /** New entries for the group (each becomes pending under `consumer`), waiting up to blockMs for some. */
  readNew(stream: string, group: string, consumer: string, count: number, blockMs: number): Promise<StreamEntry[]>;
  /** Ends a blocking read in progress (it resolves empty or rejects) and every later one. */
  interrupt(): void;
  close(): void;
}

/** Exclusive partition leases (set if absent with a time to live, renewed and released only by their holder). */
export interface LeaseStore {
  /** Records the replica as alive at `now`, forgets replicas silent for ttlMs; returns how many are alive. */
  heartbeat(key: string, replica: string, now: number, ttlMs: number): Promise<number>;
  leave(key: string, replica: string): Promise<void>;
  acquire(key: string, replica: string, ttlMs: number): Promise<boolean>;
  renew(key: string, replica: string, ttlMs: number): Promise<boolean>;
  release(key: string, replica: string): Promise<void>;
}

/** The error a broker raises when the group of a read does not exist (Redis: a restarted Redis without persistence). */
export function isNoGroup(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOGROUP');
}
