import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '../config/config-error';
import { loadPlatformConfig, PlatformConfig } from '../config/platform-config';
import type { ServiceName } from '../config/service-name';
import { loggerFor } from '../logging/logger-registry';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { describeError } from '../logging/describe-error';
import { setupOpenApi } from '../openapi/setup-openapi';
import { StartedPlatformConfigModule } from '../platform-config.module';
import { configurePlatformHttp } from './configure-http';
import { connectStreamConsumer } from './stream-consumer';

/** How long a service drains after SIGTERM before it exits anyway; deploy files give it longer than this. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export interface BootstrapOptions {
  /** The stream consumer to run inside this process (e.g. a RedisStreamsServer with group = service name). */
  microservice?: (app: INestApplication, config: PlatformConfig) => CustomTransportStrategy;
  /** Runs after the app is created and its HTTP settings applied, before the consumer starts and HTTP listens (e.g. a WebSocket adapter). */
  beforeListen?: (app: INestApplication, config: PlatformConfig) => void | Promise<void>;
  /** Bound on graceful shutdown after SIGTERM/SIGINT before the process exits anyway. */
  shutdownTimeoutMs?: number;
  /** Interface to listen on (default: all). A host running several services in one process keeps them on loopback. */
  host?: string;
  /** false: the caller stops the app (a process hosting several services must not exit when the first one closed). */
  handleSignals?: boolean;
}

/** An app and how it starts: what main.ts runs, and what a process hosting every service starts side by side. */
export interface ServiceDefinition {
  name: ServiceName;
  module: Type<unknown>;
  options: BootstrapOptions;
}

/**
 * Starts a service: validates the configuration first (a missing setting stops the process with its name), creates
 * the Nest app with pino logging and its OpenAPI document (/api/docs), attaches the stream consumer, listens on
 * config.port, and on SIGTERM/SIGINT closes everything (HTTP, consumer, DataSource) before exiting 0.
 */
export async function bootstrapService(appModule: Type<unknown>, service: ServiceName, options: BootstrapOptions = {}): Promise<INestApplication> {
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig(service);
  } catch (error) {
    const setting = error instanceof ConfigError ? error.setting : undefined;
    createLogger(service).fatal({ setting }, `configuration error: ${(error as Error).message}`);
    throw error;
  }
  const logger = loggerFor(service, config.logLevel);
  let app: NestExpressApplication | undefined;
  try {
    // The app gets the configuration parsed above (PlatformConfigModule takes it), not a second parse of the env.
    app = await NestFactory.create<NestExpressApplication>(ServiceRootModule.of(appModule, config), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
      abortOnError: false,
    });
    configurePlatformHttp(app);
    setupOpenApi(app, service);
    await options.beforeListen?.(app, config);
    if (options.microservice) {
      connectStreamConsumer(app, options.microservice(app, config));
      await app.startAllMicroservices();
    }
    await (options.host === undefined ? app.listen(config.port) : app.listen(config.port, options.host));
    if (options.handleSignals !== false) stopOnSignals(app, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS, logger);
    const address = app.getHttpServer().address() as { port?: number } | null;
    logger.info({ port: address?.port ?? config.port }, `${service} listening`);
    return app;
  } catch (error) {
    logger.fatal({ error: describeError(error) }, `${service} failed to start`);
    // Release what did open (pool, Redis connections) so an in-process caller is not left with live handles.
    await app?.close().catch(() => undefined);
    throw error;
  }
}

/** A service's root: its own module beside the configuration it was started with. */
@Module({})
class ServiceRootModule {
  static of(appModule: Type<unknown>, config: PlatformConfig) {
    return { module: ServiceRootModule, imports: [StartedPlatformConfigModule.with(config), appModule] };
  }
}

function stopOnSignals(app: INestApplication, timeoutMs: number, logger: ReturnType<typeof loggerFor>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeout_ms: timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ error: describeError(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // An app closed by its owner (tests) no longer answers signals. (Nest's app proxy ignores property writes, so the
  // HTTP server's close event is the hook.)
  (app.getHttpServer() as { once(event: 'close', listener: () => void): void }).once('close', () => {
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGINT', stop);
  });
}

/** main.ts of a service: starts it, or exits 1 (the reason is logged) so the orchestrator restarts it. */
export function runService(definition: ServiceDefinition): void {
  bootstrapService(definition.module, definition.name, definition.options).catch(() => process.exit(1));
}
