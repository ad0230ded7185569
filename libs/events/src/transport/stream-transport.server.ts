import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { RedisStreamBroker } from '../broker/redis-stream-broker';
import type { StreamBroker } from '../broker/stream-broker';
import { streamKey } from '../streams/stream-layout';
import { EntryProcessor } from './entry-processor';
import { HandlerExtras, HandlerRegistry } from './handler-registry';
import { PartitionLeases } from './partition-leases';
import { PartitionReader } from './partition-reader';
import { RedisStreamsServerConfig, RedisStreamsServerOptions, resolveServerOptions } from './redis-streams.options';
import { consumerLag } from './transport.metrics';

export type RedisStreamsStatus = 'connected' | 'disconnected';

/**
 * Nest transport over partitioned event streams on a StreamBroker (Redis Streams, or in-process): one consumer group
 * per service, partitions leased exclusively to one replica at a time, entries handled in order per partition,
 * acknowledged after their handlers succeeded.
 */
export class StreamTransportServer extends Server<Record<string, Function>, RedisStreamsStatus> implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  readonly options: RedisStreamsServerOptions;
  readonly handlers = new HandlerRegistry();
  private broker?: StreamBroker;
  private leases?: PartitionLeases;
  private processor?: EntryProcessor;
  private readonly readers = new Map<number, { reader: PartitionReader; finished: boolean }>();
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private closing = false;
  private lastTrimAt = 0;

  constructor(config: RedisStreamsServerConfig) {
    super();
    this.options = resolveServerOptions(config);
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) return super.addHandler(pattern, callback, isEventHandler, extras);
    callback.isEventHandler = true;
    this.handlers.add(this.normalizePattern(pattern as string), callback, extras as HandlerExtras);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { url, group, replica, layout, commandTimeoutMs, leaseTtlMs } = this.options;
      // A broker passed in is shared (the process's in-process broker); one made from the URL is this server's own.
      this.broker = this.options.broker ?? RedisStreamBroker.connect(url!, commandTimeoutMs, `${group}:${replica}:commands`);
      this.processor = new EntryProcessor(this.options, this.handlers);
      this.leases = new PartitionLeases(this.broker.leases, `${layout.prefix}:{${group}}`, replica, layout.partitions, leaseTtlMs, {
        acquired: () => undefined,
        surrender: (partition) => this.stopReader(partition),
        lost: () => undefined,
      });
      await this.tick();
      this._status$.next('connected');
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Partitions this replica currently reads. */
  ownedPartitions(): number[] {
    return [...this.readers.entries()].filter(([, r]) => !r.finished).map(([p]) => p).sort((a, b) => a - b);
  }

  get entryProcessor(): EntryProcessor {
    if (!this.processor) throw new Error('RedisStreamsServer is not listening');
    return this.processor;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.leases?.releaseAll().catch((error: Error) => this.logger.warn?.({ msg: 'lease release failed', error: error.message }));
    await Promise.all([...this.readers.keys()].map((partition) => this.stopReader(partition)));
    if (this.broker && !this.options.broker) await this.broker.close();
    this._status$.next('disconnected');
  }

  on(): void {
    throw new Error('StreamTransportServer has no events to subscribe to; use the status observable');
  }

  /** The StreamBroker it consumes from. */
  unwrap<T>(): T {
    return this.broker as T;
  }

  private tick(): Promise<void> {
    this.ticking = this.runTick().finally(() => {
      if (!this.closing) this.timer = setTimeout(() => void this.tick(), this.options.renewIntervalMs);
    });
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    const leases = this.leases;
    const broker = this.broker;
    if (!leases || !broker) return;
    try {
      await leases.tick(this.options.renewIntervalMs);
    } catch (error) {
      this.logger.warn?.({ msg: 'lease tick failed; retrying', group: this.options.group, error: (error as Error).message });
    }
    for (const partition of leases.owned()) {
      const current = this.readers.get(partition);
      if (!this.closing && leases.holds(partition) && (!current || current.finished)) this.startReader(partition, leases);
    }
    await this.maintain(broker, leases.owned()).catch(() => undefined);
  }

  private startReader(partition: number, leases: PartitionLeases): void {
    const { group, replica, layout, blockMs, batchSize, claimIdleMs, commandTimeoutMs } = this.options;
    const broker = this.broker as StreamBroker;
    const stream = streamKey(layout, partition);
    const connection = broker.openReader(`${group}:${replica}:p${partition}`, blockMs + commandTimeoutMs);
    const settings = { stream, group, consumer: `${group}-p${partition}`, blockMs, batchSize, claimIdleMs, holdsLease: () => leases.holds(partition) };
    const entry = { reader: new PartitionReader(settings, connection, broker, this.entryProcessor), finished: false };
    void entry.reader.finished.then(() => {
      entry.finished = true;
      connection.close();
    });
    this.readers.set(partition, entry);
  }

  private async stopReader(partition: number): Promise<void> {
    const entry = this.readers.get(partition);
    if (!entry) return;
    await entry.reader.stop();
    this.readers.delete(partition);
  }

  private async maintain(broker: StreamBroker, partitions: number[]): Promise<void> {
    const { group, layout, trim } = this.options;
    const trimNow = trim !== false && Date.now() - this.lastTrimAt >= trim.intervalMs;
    const streams = partitions.map((partition) => streamKey(layout, partition));
    // Together: one round trip on an auto-pipelined connection.
    const lags = await Promise.all(streams.map((stream) => broker.lag(stream, group)));
    streams.forEach((stream, i) => lags[i] !== null && consumerLag.set({ group, stream }, lags[i]));
    if (trimNow) for (const stream of streams) await broker.trim(stream, trim.retentionMs);
    if (trimNow) this.lastTrimAt = Date.now();
  }
}

/** The server's first name, from when Redis Streams was its only broker; kept so consumers' code compiles unchanged. */
export { StreamTransportServer as RedisStreamsServer };
