import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ensureDatabase, PlatformConfig, PlatformLogger, runMigrationsLocked } from '@choice-sherpa/platform';
import { rebuildReadModel, RebuildReport } from './dashboard/application/rebuild-read-model';
import { DASHBOARD_MIGRATIONS } from './dashboard/infrastructure/dashboard.migrations';
import { PgReadModelReset } from './dashboard/infrastructure/pg-read-model.reset';
import { StreamHistoryReader } from './dashboard/infrastructure/stream-history.reader';
import { DASHBOARD_HANDLER } from './dashboard/interface/dashboard-events.consumer';

export interface RebuildOptions {
  /** Rebuild even though some partition stream lost entries to trimming (the result then misses those events). */
  allowTrimmed?: boolean;
}

export class TrimmedHistoryError extends Error {}

/** Rebuilds the dashboard read model of `config`'s database from `config`'s streams (see README "Rebuilding the dashboard"). */
export async function rebuildFromStreams(config: PlatformConfig, logger: PlatformLogger, options: RebuildOptions = {}): Promise<RebuildReport> {
  if (!config.redisUrl) throw new Error('the rebuild reads the Redis streams: set REDIS_URL (an in-process broker lives only inside its process)');
  await ensureDatabase(config.databaseUrl);
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl, migrations: DASHBOARD_MIGRATIONS, applicationName: 'dashboard-rebuild' });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, commandTimeout: 10_000, lazyConnect: true });
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    await redis.connect();
    const history = new StreamHistoryReader(redis, { prefix: config.streamPrefix, partitions: config.streamPartitions });
    const trimmed = await history.trimmedStreams();
    if (trimmed.length > 0) {
      logger.warn({ trimmed }, 'some streams were trimmed: their oldest events are gone');
      if (!options.allowTrimmed) {
        throw new TrimmedHistoryError(`streams ${trimmed.map((t) => t.stream).join(', ')} were trimmed; pass --allow-trimmed to rebuild from what is left`);
      }
    }
    return await rebuildReadModel(new PgReadModelReset(dataSource, DASHBOARD_HANDLER), history.entries(), logger);
  } finally {
    redis.disconnect();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
