import path from 'node:path';
import { LOG_LEVELS } from '@choice-sherpa/platform/config/platform-config';
import { EnvReader } from '@choice-sherpa/platform/config/env-reader';
import { createLogger } from '@choice-sherpa/platform/logging/logger';
import { createEntryServer } from './entry-proxy';
import { loadEntryPointSettings } from './entry-point.settings';

// The entry point as its own process (`npm run stack`, the compose entry proxy): `node dist/hosts/entry-point/main.js`
// with its settings from the environment (entry-point.settings.ts).
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const logger = createLogger('entry-point', new EnvReader(process.env).oneOf('LOG_LEVEL', LOG_LEVELS, 'info'));
try {
  const settings = loadEntryPointSettings(process.env, repoRoot);
  const server = createEntryServer({ ...settings, logger });
  server.listen(settings.port, settings.host, () => {
    const address = server.address() as { port: number };
    logger.info({ port: address.port }, 'entry point listening');
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  logger.fatal({ error: (error as Error).message }, 'entry point failed to start');
  process.exit(1);
}
