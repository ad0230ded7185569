import type { LogLevel } from '../config/platform-config';
import { createLogger, PlatformLogger } from './logger';

const loggers = new Map<string, PlatformLogger>();

/** One pino instance per service and level in a process, shared by Nest's logger and injected loggers. */
export function loggerFor(service: string, level: LogLevel): PlatformLogger {
  const key = `${service}:${level}`;
  let logger = loggers.get(key);
  if (!logger) {
    logger = createLogger(service, level);
    loggers.set(key, logger);
  }
  return logger;
}
