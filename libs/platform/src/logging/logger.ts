import pino, { Logger } from 'pino';
import { activeCorrelationId } from '../correlation/correlation-context';
import type { LogLevel } from '../config/platform-config';
import { bufferedStdout } from './buffered-stdout';

/** Keys whose values never reach a log line (secrets, user content, payloads), at any of the first three levels. */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'token',
  'access_token',
  'refresh_token',
  'jwt',
  'secret',
  'password',
  'payload',
  'content',
  'email',
  'title',
  'description',
  'output',
  'data',
  'body',
] as const;

export const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

export type PlatformLogger = Logger;

/**
 * JSON lines on stdout (buffered, written asynchronously, errors at once and everything on exit: buffered-stdout.ts),
 * redacted, with the service name and the current correlation id on every line.
 */
export function createLogger(service: string, level: LogLevel = 'info', destination?: pino.DestinationStream): PlatformLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = activeCorrelationId();
      return correlationId ? { correlation_id: correlationId } : {};
    },
  };
  return pino(options, destination ?? bufferedStdout());
}
