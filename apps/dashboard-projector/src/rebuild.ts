import { createLogger, loadPlatformConfig } from '@choice-sherpa/platform';
import { rebuildFromStreams } from './rebuild-command';

/**
 * `npm run dashboard:rebuild` (= npm run build && node dist/apps/dashboard-projector/src/rebuild.js [--allow-trimmed]):
 * truncates the read model and the projection's processed_events and re-applies every event in the streams, in one
 * transaction. Same environment as the service (DATABASE_URL or PG_URL, REDIS_URL, STREAM_PREFIX, STREAM_PARTITIONS).
 */
async function main(): Promise<void> {
  const config = loadPlatformConfig('dashboard-projector');
  const logger = createLogger('dashboard-projector', config.logLevel);
  try {
    const report = await rebuildFromStreams(config, logger, { allowTrimmed: process.argv.includes('--allow-trimmed') });
    process.stdout.write(`${JSON.stringify(report)}\n`);
    logger.flush();
  } catch (error) {
    logger.fatal({ err: { type: (error as Error).name, message: (error as Error).message } }, 'dashboard rebuild failed');
    logger.flush();
    process.exitCode = 1;
  }
}

void main();
