import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { ensureGroup, isNoGroup, RawEntry, toFields } from './consumer-group';
import { abortableDelay, Delivery, EntryProcessor, ShutdownAbort } from './entry-processor';

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
 * acknowledges after the batch is handled, and only while the partition lease is still held.
 */
export class PartitionReader {
  private readonly logger = new Logger(PartitionReader.name);
  private readonly abort = new AbortController();
  private blocking = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly settings: ReaderSettings,
    private readonly reader: Redis,
    private readonly commands: Redis,
    private readonly processor: EntryProcessor,
  ) {
    this.done = this.loop();
  }

  /** Stops reading; an in-flight batch finishes and is acknowledged, a backoff wait is abandoned (redelivered later). */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.blocking) this.reader.disconnect();
    await this.done;
    this.reader.disconnect();
  }

  get finished(): Promise<void> {
    return this.done;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted || !this.settings.holdsLease();
  }

  private async loop(): Promise<void> {
    const { stream, group } = this.settings;
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
          await ensureGroup(this.commands, stream, group);
          await this.claimForeignPending();
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
    const reply = (await this.commands.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'STREAMS', stream, '0')) as
      | [string, RawEntry[]][]
      | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) return 0;
    const counts = await this.deliveryCounts(entries[0][0], entries[entries.length - 1][0], entries.length);
    await this.handle(entries, (id) => Math.max(0, (counts.get(id) ?? 1) - 1));
    return entries.length;
  }

  private async readNew(): Promise<number> {
    const { stream, group, consumer, batchSize, blockMs } = this.settings;
    this.blocking = true;
    let reply: [string, RawEntry[]][] | null;
    try {
      reply = (await this.reader.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as
        | [string, RawEntry[]][]
        | null;
    } finally {
      this.blocking = false;
    }
    const entries = reply?.[0]?.[1] ?? [];
    await this.handle(entries, () => 0);
    return entries.length;
  }

  private async handle(entries: RawEntry[], previousDeliveries: (id: string) => number): Promise<void> {
    const acks: string[] = [];
    // null: an entry deleted from the stream meanwhile (nothing to handle, acknowledged as is).
    const deliveries: (Delivery | null)[] = entries.map(([entryId, flat]) =>
      flat ? { stream: this.settings.stream, entryId, fields: toFields(flat), previousDeliveries: previousDeliveries(entryId) } : null,
    );
    try {
      const firstDeleted = deliveries.indexOf(null);
      const leading = (firstDeleted === -1 ? deliveries : deliveries.slice(0, firstDeleted)) as Delivery[];
      const batched = this.stopped ? 0 : await this.processor.processBatch(leading);
      acks.push(...leading.slice(0, batched).map((delivery) => delivery.entryId));
      for (let i = batched; i < entries.length; i++) {
        if (this.stopped) break;
        const delivery = deliveries[i];
        if (delivery) await this.processor.process(delivery, this.abort.signal);
        acks.push(entries[i][0]);
      }
    } finally {
      if (acks.length > 0 && this.settings.holdsLease()) await this.commands.xack(this.settings.stream, this.settings.group, ...acks);
    }
  }

  private async deliveryCounts(start: string, end: string, count: number): Promise<Map<string, number>> {
    const { stream, group, consumer } = this.settings;
    const rows = (await this.commands.xpending(stream, group, start, end, count, consumer)) as [string, string, number, number][];
    return new Map(rows.map(([id, , , deliveries]) => [id, deliveries]));
  }

  /** Entries left pending under other consumer names (older layouts, renamed groups): claimed once idle. */
  private async claimForeignPending(): Promise<void> {
    const { stream, group, consumer, claimIdleMs } = this.settings;
    let cursor = '0-0';
    do {
      const [next, claimed] = (await this.commands.xautoclaim(stream, group, consumer, claimIdleMs, cursor, 'COUNT', 100, 'JUSTID')) as [
        string,
        string[],
        string[]?,
      ];
      cursor = next;
      if (claimed.length === 0 && cursor === '0-0') break;
    } while (cursor !== '0-0');
  }
}
