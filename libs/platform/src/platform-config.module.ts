import { DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig, loadPlatformConfig } from './config/platform-config';
import type { ServiceName } from './config/service-name';
import type { Env } from './config/env-reader';
import { PLATFORM_LOGGER } from './logging/logger.token';
import { loggerFor } from './logging/logger-registry';

/** The configuration bootstrapService parsed before creating the app, handed to the app instead of parsed again. */
export const STARTED_PLATFORM_CONFIG = Symbol('STARTED_PLATFORM_CONFIG');

/** Holds the configuration a service was started with (bootstrapService imports it beside the app's module). */
@Global()
@Module({})
export class StartedPlatformConfigModule {
  static with(config: PlatformConfig): DynamicModule {
    return { module: StartedPlatformConfigModule, providers: [{ provide: STARTED_PLATFORM_CONFIG, useValue: config }], exports: [STARTED_PLATFORM_CONFIG] };
  }
}

/**
 * Provides PLATFORM_CONFIG and PLATFORM_LOGGER everywhere: the configuration given, else the one the service was
 * started with (parsed once, by bootstrapService), else read and validated from the environment (tests, tools).
 */
@Global()
@Module({})
export class PlatformConfigModule {
  static register(service: ServiceName, source: { env?: Env; config?: PlatformConfig }): DynamicModule {
    return {
      module: PlatformConfigModule,
      providers: [
        {
          provide: PLATFORM_CONFIG,
          inject: [{ token: STARTED_PLATFORM_CONFIG, optional: true }],
          useFactory: (started?: PlatformConfig) =>
            source.config ?? (started?.service === service ? started : undefined) ?? loadPlatformConfig(service, source.env ?? process.env),
        },
        { provide: PLATFORM_LOGGER, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => loggerFor(config.service, config.logLevel) },
      ],
      exports: [PLATFORM_CONFIG, PLATFORM_LOGGER],
    };
  }
}
