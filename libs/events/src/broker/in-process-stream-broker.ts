import { InMemoryLeaseStore } from './in-memory-lease-store';
import { InProcessStream } from './in-process-stream';
import type { AppendedEntry, BlockingReader, PendingSummary, StreamBroker, StreamEntry } from './stream-broker';

/** Acknowledged entries are kept this long at most: in one process every group exists from the start. */
const MAX_RETENTION_MS = 5 * 60_000;

/**
 * The stream port in this process's memory, for one process hosting every service (`npm start`). Same semantics as
 * the Redis adapter; it lives as long as the process, so producers re-publish from their outboxes on start, from the
 * recovery point (the last clean stop after which nothing was left undelivered; the epoch unless told).
 */
export class InProcessStreamBroker implements StreamBroker {
  readonly kind = 'in-process';
  readonly leases = new InMemoryLeaseStore();
  private readonly streams = new Map<string, InProcessStream>();
  private recoverFrom = new Date(0);

  recoveryPoint(): Date {
    return this.recoverFrom;
  }

  /** Set before the producers start: every event published before `date` had reached every consumer group. */
  setRecoveryPoint(date: Date): void {
    this.recoverFrom = date;
  }

  /** Every entry delivered to and acknowledged by every group of every stream. */
  drained(): boolean {
    return [...this.streams.values()].every((stream) => stream.drained());
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  async append(entries: AppendedEntry[]): Promise<string[]> {
    return entries.map(({ stream, fields }) => this.stream(stream).append(fields));
  }

  async ensureGroup(stream: string, group: string): Promise<void> {
    this.stream(stream).ensureGroup(group);
  }

  async readPending(stream: string, group: string, consumer: string, count: number): Promise<StreamEntry[]> {
    return this.stream(stream).readPending(group, consumer, count);
  }

  async pendingSummary(stream: string, group: string): Promise<PendingSummary> {
    return this.stream(stream).pendingSummary(group);
  }

  async deliveryCounts(stream: string, group: string, consumer: string, start: string, end: string): Promise<Map<string, number>> {
    return this.stream(stream).deliveryCounts(group, consumer, start, end);
  }

  async claimIdle(stream: string, group: string, consumer: string, idleMs: number): Promise<void> {
    this.stream(stream).claimIdle(group, consumer, idleMs);
  }

  async ack(stream: string, group: string, ids: string[]): Promise<void> {
    this.stream(stream).ack(group, ids);
  }

  async lag(stream: string, group: string): Promise<number | null> {
    return this.streams.get(stream)?.lag(group) ?? null;
  }

  async trim(stream: string, retentionMs: number): Promise<number> {
    return this.streams.get(stream)?.trim(Math.min(retentionMs, MAX_RETENTION_MS)) ?? 0;
  }

  openReader(): BlockingReader {
    return new InProcessBlockingReader((name) => this.stream(name));
  }

  private stream(name: string): InProcessStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new InProcessStream();
      this.streams.set(name, stream);
    }
    return stream;
  }
}

class InProcessBlockingReader implements BlockingReader {
  private interrupted = false;
  private cancelWait?: () => void;

  constructor(private readonly streamNamed: (name: string) => InProcessStream) {}

  async readNew(streamName: string, group: string, consumer: string, count: number, blockMs: number): Promise<StreamEntry[]> {
    const stream = this.streamNamed(streamName);
    const deadline = Date.now() + blockMs;
    for (;;) {
      if (this.interrupted) return [];
      const entries = stream.readNew(group, consumer, count);
      const left = deadline - Date.now();
      if (entries.length > 0 || left <= 0) return entries;
      const wait = stream.waitForAppend(left);
      this.cancelWait = wait.cancel;
      await wait.done;
      this.cancelWait = undefined;
    }
  }

  interrupt(): void {
    this.interrupted = true;
    this.cancelWait?.();
  }

  close(): void {
    this.interrupt();
  }
}

let processBroker: InProcessStreamBroker | undefined;

/** The one in-process broker of this process, shared by every service it hosts (STREAM_BROKER=in-process). */
export function inProcessBroker(): InProcessStreamBroker {
  processBroker ??= new InProcessStreamBroker();
  return processBroker;
}
