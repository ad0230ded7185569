import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { PlatformConfig } from '../config/platform-config';
import { ensureDatabase } from './ensure-database';
import { runMigrationsLocked } from './locked-migrations';

export interface DatabaseOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
}

/** The service's PostgreSQL connection: its own database, created if missing; migrations applied on start. */
export async function typeOrmOptionsFor(config: PlatformConfig, options: DatabaseOptions): Promise<TypeOrmModuleOptions> {
  await ensureDatabase(config.databaseUrl);
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    // Applied by createMigratedDataSource under an advisory lock instead (see locked-migrations.ts).
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: config.service,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
    retryAttempts: 5,
    retryDelay: 2_000,
  };
}

export async function createMigratedDataSource(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) throw new Error('DataSource options missing');
  const dataSource = await new DataSource(options).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
