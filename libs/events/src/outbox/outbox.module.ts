import { DynamicModule, Inject, Injectable, Logger, Module, ModuleMetadata, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PLATFORM_CONFIG, type PlatformConfig } from '@choice-sherpa/platform';
import type { DataSource } from 'typeorm';
import { inProcessBroker } from '../broker/in-process-stream-broker';
import type { StreamBroker } from '../broker/stream-broker';
import { DEFAULT_STREAM_LAYOUT, StreamLayout } from '../streams/stream-layout';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { OutboxWriter } from './outbox-writer';
import { TransactionScope } from '../transaction/transaction-scope';
import { UnitOfWork } from './unit-of-work';

export interface OutboxModuleOptions {
  /** Default: the platform config's redisUrl (REDIS_URL, read once by PlatformModule). */
  redisUrl?: string;
  /** Publish to this broker instead of Redis. Default: the process's in-process broker when the platform config says STREAM_BROKER=in-process. */
  broker?: StreamBroker;
  /** Default: the platform config's stream prefix/partitions (STREAM_PREFIX / STREAM_PARTITIONS), else cs:events / 8. */
  layout?: StreamLayout;
  /** Run the relay in this process (default true). */
  runRelay?: boolean;
  /** Tuning passed to the relay (batch size, polling, retention...). */
  relay?: Omit<OutboxRelayOptions, 'dataSource' | 'redisUrl' | 'layout'>;
}

export interface OutboxModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: any[]) => OutboxModuleOptions | Promise<OutboxModuleOptions>;
}

export const OUTBOX_MODULE_OPTIONS = Symbol('OUTBOX_MODULE_OPTIONS');

type PlatformStreamsConfig = Pick<PlatformConfig, 'redisUrl' | 'streamPrefix' | 'streamPartitions'> & Partial<Pick<PlatformConfig, 'streamBroker'>>;

/**
 * Starts the relay when the application has bootstrapped (after re-publishing what a broker that starts empty may
 * have lost) and stops it (finishing the current pass) before the shutdown hooks run, so it never works on a
 * DataSource TypeOrmModule has already closed.
 */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(OUTBOX_MODULE_OPTIONS) private readonly options: OutboxModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runRelay === false) return;
    const republished = await this.relay.recover();
    if (republished > 0) new Logger('OutboxRelay').log({ msg: 'outbox re-published to an empty broker', rows: republished });
    this.relay.start();
    new Logger('OutboxRelay').log({ msg: 'outbox relay started', streams: this.relay.layout.prefix, partitions: this.relay.layout.partitions });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * Global module for a producing service: `UnitOfWork`, `TransactionScope` and `OutboxWriter` for repositories, and
 * the relay running in the background. Needs the service's TypeORM DataSource (TypeOrmModule / PlatformModule) with OUTBOX_MIGRATIONS.
 */
@Module({})
export class OutboxModule {
  /**
   * Options win; then the platform's config (PLATFORM_CONFIG, when PlatformModule is loaded), which has read and
   * validated the environment once at start. The module itself never reads the environment.
   */
  static forRoot(options: OutboxModuleOptions = {}): DynamicModule {
    return this.build({
      inject: [{ token: PLATFORM_CONFIG, optional: true }],
      useFactory: (config?: PlatformStreamsConfig) => resolveOptions(options, config),
    });
  }

  /** The factory's options win; the platform's config (when loaded) fills the rest, as in forRoot. */
  static forRootAsync(options: OutboxModuleAsyncOptions): DynamicModule {
    return this.build({
      imports: options.imports,
      inject: [{ token: PLATFORM_CONFIG, optional: true }, ...(options.inject ?? [])],
      useFactory: async (config: PlatformStreamsConfig | undefined, ...args: unknown[]) => resolveOptions(await options.useFactory(...args), config),
    });
  }

  private static build(optionsProvider: {
    imports?: ModuleMetadata['imports'];
    inject: Array<string | symbol | Function | { token: string | symbol | Function; optional: boolean }>;
    useFactory: (...args: any[]) => OutboxModuleOptions | Promise<OutboxModuleOptions>;
  }): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      imports: optionsProvider.imports ?? [],
      providers: [
        { provide: OUTBOX_MODULE_OPTIONS, inject: optionsProvider.inject as never, useFactory: optionsProvider.useFactory },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), OUTBOX_MODULE_OPTIONS],
          useFactory: (dataSource: DataSource, resolved: OutboxModuleOptions) =>
            new OutboxRelay({ ...resolved.relay, dataSource, redisUrl: resolved.redisUrl, broker: resolved.broker, layout: resolved.layout }),
        },
        {
          provide: UnitOfWork,
          inject: [getDataSourceToken(), OutboxWriter, OutboxRelay],
          useFactory: (dataSource: DataSource, writer: OutboxWriter, relay: OutboxRelay) => new UnitOfWork(dataSource, writer, () => relay.wake()),
        },
        { provide: TransactionScope, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new TransactionScope(dataSource) },
        OutboxRelayLifecycle,
      ],
      exports: [OutboxWriter, UnitOfWork, OutboxRelay, TransactionScope],
    };
  }
}

function resolveOptions(options: OutboxModuleOptions, config?: PlatformStreamsConfig): OutboxModuleOptions {
  const broker = options.broker ?? (config?.streamBroker === 'in-process' ? inProcessBroker() : undefined);
  const redisUrl = broker ? undefined : (options.redisUrl ?? config?.redisUrl);
  if (!broker && !redisUrl) throw new Error('OutboxModule: no redisUrl or broker option and no platform config (PlatformModule reads REDIS_URL)');
  const layout: StreamLayout = {
    prefix: options.layout?.prefix ?? config?.streamPrefix ?? DEFAULT_STREAM_LAYOUT.prefix,
    partitions: options.layout?.partitions ?? config?.streamPartitions ?? DEFAULT_STREAM_LAYOUT.partitions,
  };
  return { ...options, redisUrl, broker, layout };
}
