import { DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig, loadPlatformConfig } from './config/platform-config';
import type { ServiceName } from './config/service-name';
import type { Env } from './config/env-reader';
import { PLATFORM_LOGGER } from './logging/logger.token';
import { loggerFor } from './logging/logger-registry';

/** Provides PLATFORM_CONFIG (read and validated once per module instance) and PLATFORM_LOGGER everywhere. */
@Global()
@Module({})
export class PlatformConfigModule {
  static register(service: ServiceName, source: { env?: Env; config?: PlatformConfig }): DynamicModule {
    return {
      module: PlatformConfigModule,
      providers: [
        { provide: PLATFORM_CONFIG, useFactory: () => source.config ?? loadPlatformConfig(service, source.env ?? process.env) },
        { provide: PLATFORM_LOGGER, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => loggerFor(config.service, config.logLevel) },
      ],
      exports: [PLATFORM_CONFIG, PLATFORM_LOGGER],
    };
  }
}
