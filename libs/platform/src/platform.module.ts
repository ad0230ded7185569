import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { PLATFORM_CONFIG, PlatformConfig } from './config/platform-config';
import type { Env } from './config/env-reader';
import type { ServiceName } from './config/service-name';
import { createMigratedDataSource, DatabaseOptions, typeOrmOptionsFor } from './database/typeorm-options';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { RedisProbe } from './health/redis-probe';
import { ensureDefaultMetrics } from './metrics/default-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { PlatformConfigModule } from './platform-config.module';
import { ClientThrottlerGuard } from './rate-limit/client-throttler.guard';
import { rateLimitStorage } from './rate-limit/rate-limit-storage';
import { PLATFORM_LOGGER } from './logging/logger.token';
import type { PlatformLogger } from './logging/logger';
import { PlatformValidationPipe } from './validation/platform-validation.pipe';
import { RequestBodyGuard } from './validation/request-body.guard';
import { StreamConsumers } from './http/stream-consumer';

export interface PlatformModuleOptions extends DatabaseOptions {
  service: ServiceName;
  /** Environment to read instead of process.env (tests). */
  env?: Env;
  /** A ready config instead of reading the environment (tests). */
  config?: PlatformConfig;
}

/**
 * Everything a service shares: config, DataSource (own database, created if missing, migrated on start), logging,
 * metrics, health, the global JWT guard, rate limiting, the error filter and the ValidationPipe. Correlation ids,
 * the access log and HTTP metrics are Express middleware registered once, by configurePlatformHttp.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformModuleOptions): DynamicModule {
    ensureDefaultMetrics();
    const configModule = PlatformConfigModule.register(options.service, options);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        configModule,
        TypeOrmModule.forRootAsync({
          imports: [configModule],
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => typeOrmOptionsFor(config, options),
          dataSourceFactory: createMigratedDataSource,
        }),
        ThrottlerModule.forRootAsync({
          imports: [configModule],
          inject: [PLATFORM_CONFIG, PLATFORM_LOGGER],
          useFactory: (config: PlatformConfig, logger: PlatformLogger) => ({
            throttlers: [{ name: 'default', ttl: config.rateLimit.windowMs, limit: config.rateLimit.limit }],
            storage: rateLimitStorage(config.redisUrl, config.service, logger),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        TokenVerifier,
        RedisProbe,
        ReadinessService,
        StreamConsumers,
        { provide: APP_GUARD, useClass: ClientThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RequestBodyGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: PlatformValidationPipe },
      ],
      exports: [configModule, TypeOrmModule, TokenVerifier, StreamConsumers],
    };
  }
}
