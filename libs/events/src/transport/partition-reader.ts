import { Logger } from '@nestjs/common';
import { BlockingReader, isNoGroup, PendingSummary, StreamBroker, StreamEntry } from '../broker/stream-broker';
import { abortableDelay, EntryProcessor, PreparedEntry, ShutdownAbort } from './entry-processor';

/** How often an idle or busy reader re-reads its own pending entries (the partition's only reader, so nothing is in flight). */
const PENDING_RECHECK_MS = 5_000;

export interface ReaderSettings {
  stream: string;
  group: string;
  /** Stable per partition (`${group}-p${n}`): whoever owns the partition inherits the previous owner's pending entries. */
  consumer: string;
  blockMs: number;
  batchSize: number;
  claimIdleMs: number;
  holdsLease: () => boolean;
}

/**
 * Reads one partition stream sequentially: first this consumer's pending entries (id 0), then new ones (>);
 * acknowledges what it handled once the batch is done (it stops handling, not acknowledging, when the lease lapses).
 */
export class PartitionReader {
  private readonly logger = new Logger(PartitionReader.name);
  private readonly abort = new AbortController();
  private blocking = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly settings: ReaderSettings,
    private readonly reader: BlockingReader,
    private readonly broker: StreamBroker,
    private readonly processor: EntryProcessor,
  ) {
    this.done = this.loop();
  }

  /** Stops reading; an in-flight batch finishes and is acknowledged, a backoff wait is abandoned (redelivered later). */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.blocking) this.reader.interrupt();
    await this.done;
    this.reader.close();
  }

  get finished(): Promise<void> {
    return this.done;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted || !this.settings.holdsLease();
  }

  private async loop(): Promise<void> {
    const { stream } = this.settings;
    let drainingPending = true;
    let lastDrainAt = Date.now();
    let failures = 0;
    while (!this.stopped) {
      try {
        // Besides after every error, re-check this consumer's own pending list now and then: an entry delivered by
        // a read whose reply was lost (connection dropped mid-command) sits there with no one else to handle it.
        if (!drainingPending && Date.now() - lastDrainAt >= PENDING_RECHECK_MS) drainingPending = true;
        if (drainingPending) {
          lastDrainAt = Date.now();
          // One XPENDING when nothing is pending (the usual recheck) instead of a group creation, a claim and a read.
          const { total, consumers } = await this.pendingSummary();
          if ([...consumers.keys()].some((name) => name !== this.settings.consumer)) await this.claimForeignPending();
          if (total === 0) drainingPending = false;
        }
        const handled = drainingPending ? await this.readPending() : await this.readNew();
        if (drainingPending && handled === 0) drainingPending = false;
        failures = 0;
      } catch (error) {
        if (this.stopped || error instanceof ShutdownAbort) break;
        drainingPending = true;
        if (isNoGroup(error)) continue;
        failures++;
        this.logger.warn({ msg: 'partition read failed; retrying', stream, error: (error as Error).message });
        await abortableDelay(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)), this.abort.signal).catch(() => undefined);
      }
    }
  }

  private async readPending(): Promise<number> {
    const { stream, group, consumer, batchSize } = this.settings;
    const entries = await this.broker.readPending(stream, group, consumer, batchSize);
    if (entries.length === 0) return 0;
    const counts = await this.broker.deliveryCounts(stream, group, consumer, entries[0].id, entries[entries.length - 1].id, entries.length);
    await this.handle(entries, (id) => Math.max(0, (counts.get(id) ?? 1) - 1));
    return entries.length;
  }

  private async readNew(): Promise<number> {
    const { stream, group, consumer, batchSize, blockMs } = this.settings;
    this.blocking = true;
    let entries: StreamEntry[];
    try {
      entries = await this.reader.readNew(stream, group, consumer, batchSize, blockMs);
    } finally {
      this.blocking = false;
    }
    await this.handle(entries, () => 0);
    return entries.length;
  }

  private async handle(entries: StreamEntry[], previousDeliveries: (id: string) => number): Promise<void> {
    const acks: string[] = [];
    // Each entry parsed once; null: an entry deleted from the stream meanwhile (nothing to handle, acknowledged as is).
    const prepared: (PreparedEntry | null)[] = entries.map(({ id, fields }) =>
      fields ? this.processor.prepare({ stream: this.settings.stream, entryId: id, fields, previousDeliveries: previousDeliveries(id) }) : null,
    );
    try {
      const firstDeleted = prepared.indexOf(null);
      const leading = (firstDeleted === -1 ? prepared : prepared.slice(0, firstDeleted)) as PreparedEntry[];
      const batched = this.stopped ? 0 : await this.processor.processBatch(leading);
      acks.push(...leading.slice(0, batched).map((entry) => entry.delivery.entryId));
      for (let i = batched; i < entries.length; i++) {
        if (this.stopped) break;
        const entry = prepared[i];
        if (entry) await this.processor.process(entry, this.abort.signal);
        acks.push(entries[i].id);
      }
    } finally {
      // Handled entries are acknowledged even when the lease lapsed meanwhile: their effects are committed (or their
      // dead letter stored), and one left pending would be delivered again to whoever owns the partition next, which
      // ran a poison entry's handler maxDeliveries more times (seen under load: 6 attempts instead of 3).
      if (acks.length > 0) await this.broker.ack(this.settings.stream, this.settings.group, acks);
    }
  }

  /** The group's pending entries; the group is created first when it does not exist (a new service, a wiped Redis). */
  private async pendingSummary(): Promise<PendingSummary> {
    const { stream, group } = this.settings;
    try {
      return await this.broker.pendingSummary(stream, group);
    } catch (error) {
      if (!isNoGroup(error)) throw error;
      await this.broker.ensureGroup(stream, group);
      return this.broker.pendingSummary(stream, group);
    }
  }

  /** Entries left pending under other consumer names (older layouts, renamed groups): claimed once idle. */
  private async claimForeignPending(): Promise<void> {
    const { stream, group, consumer, claimIdleMs } = this.settings;
    await this.broker.claimIdle(stream, group, consumer, claimIdleMs);
  }
}
