import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { correlationIdMiddleware } from '../correlation/correlation-id.middleware';
import { accessLogMiddleware } from './access-log';
import type { PlatformLogger } from '../logging/logger';
import { PLATFORM_LOGGER } from '../logging/logger.token';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { trustFunction } from '../request/client-address';

/**
 * HTTP settings that live on the Express app rather than in a module: correlation id, access log and metrics first
 * (so even a rejected body is counted, logged and correlated), then the bounded body parsers, the proxy trust and CORS.
 * The app must be created with `bodyParser: false`.
 */
export function configurePlatformHttp(app: INestApplication): PlatformConfig {
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const express = app as NestExpressApplication;
  express.use(correlationIdMiddleware);
  express.use(accessLogMiddleware(app.get<PlatformLogger>(PLATFORM_LOGGER)));
  express.use(httpMetricsMiddleware);
  express.set('trust proxy', trustFunction(config.trustProxy));
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: config.bodyLimit });
  // Parsed for the routes that accept it (@AcceptBodyTypes); every other route answers 415 (RequestBodyGuard).
  express.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  if (config.allowedOrigins.length > 0) {
    express.enableCors({ origin: config.allowedOrigins, credentials: true, exposedHeaders: ['X-Correlation-Id'] });
  }
  return config;
}
