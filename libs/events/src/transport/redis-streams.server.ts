import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type Redis from 'ioredis';
import { streamKey } from '../streams/stream-layout';
import { consumerRegistry } from './consumer-registry';
import { EntryProcessor } from './entry-processor';
import { HandlerExtras, HandlerRegistry } from './handler-registry';
import { PartitionLeases } from './partition-leases';
import { PartitionReader } from './partition-reader';
import { createRedis } from './redis-connection';
import { RedisStreamsServerConfig, RedisStreamsServerOptions, resolveServerOptions } from './redis-streams.options';
import { consumerLag } from './transport.metrics';
import { groupLag, trimStream } from './stream-trimmer';

export type RedisStreamsStatus = 'connected' | 'disconnected';

/**
 * Nest transport over partitioned Redis Streams: one consumer group per service, partitions leased exclusively
 * to one replica at a time, entries handled in order per partition, acknowledged after their handlers succeeded.
 */
export class RedisStreamsServer extends Server<Record<string, Function>, RedisStreamsStatus> implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  readonly options: RedisStreamsServerOptions;
  readonly handlers = new HandlerRegistry();
  private commands?: Redis;
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
      this.commands = createRedis(url, commandTimeoutMs, `${group}:${replica}:commands`);
      this.processor = new EntryProcessor(this.options, this.handlers);
      this.leases = new PartitionLeases(this.commands, `${layout.prefix}:{${group}}`, replica, layout.partitions, leaseTtlMs, {
        acquired: () => undefined,
        surrender: (partition) => this.stopReader(partition),
        lost: () => undefined,
      });
      consumerRegistry.set(group, this);
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
    if (consumerRegistry.get(this.options.group) === this) consumerRegistry.delete(this.options.group);
    this.commands?.disconnect();
    this._status$.next('disconnected');
  }

  on(): void {
    throw new Error('RedisStreamsServer has no events to subscribe to; use the status observable');
  }

  unwrap<T>(): T {
    return this.commands as T;
  }

  private tick(): Promise<void> {
    this.ticking = this.runTick().finally(() => {
      if (!this.closing) this.timer = setTimeout(() => void this.tick(), this.options.renewIntervalMs);
    });
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    const leases = this.leases;
    const commands = this.commands;
    if (!leases || !commands) return;
    try {
      await leases.tick(this.options.renewIntervalMs);
    } catch (error) {
      this.logger.warn?.({ msg: 'lease tick failed; retrying', group: this.options.group, error: (error as Error).message });
    }
    for (const partition of leases.owned()) {
      const current = this.readers.get(partition);
      if (!this.closing && leases.holds(partition) && (!current || current.finished)) this.startReader(partition, leases);
    }
    await this.maintain(commands, leases.owned()).catch(() => undefined);
  }

  private startReader(partition: number, leases: PartitionLeases): void {
    const { url, group, replica, layout, blockMs, batchSize, claimIdleMs, commandTimeoutMs } = this.options;
    const stream = streamKey(layout, partition);
    const connection = createRedis(url, blockMs + commandTimeoutMs, `${group}:${replica}:p${partition}`, { resendAfterReconnect: false });
    const settings = { stream, group, consumer: `${group}-p${partition}`, blockMs, batchSize, claimIdleMs, holdsLease: () => leases.holds(partition) };
    const entry = { reader: new PartitionReader(settings, connection, this.commands as Redis, this.entryProcessor), finished: false };
    void entry.reader.finished.then(() => {
      entry.finished = true;
      connection.disconnect();
    });
    this.readers.set(partition, entry);
  }

  private async stopReader(partition: number): Promise<void> {
    const entry = this.readers.get(partition);
    if (!entry) return;
    await entry.reader.stop();
    this.readers.delete(partition);
  }

  private async maintain(commands: Redis, partitions: number[]): Promise<void> {
    const { group, layout, trim } = this.options;
    const trimNow = trim !== false && Date.now() - this.lastTrimAt >= trim.intervalMs;
    for (const partition of partitions) {
      const stream = streamKey(layout, partition);
      const lag = await groupLag(commands, stream, group);
      if (lag !== null) consumerLag.set({ group, stream }, lag);
      if (trimNow) await trimStream(commands, stream, trim.retentionMs);
    }
    if (trimNow) this.lastTrimAt = Date.now();
  }
}
