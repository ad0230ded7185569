import { DataSource } from 'typeorm';

/** Advisory lock key shared by every replica of every service (each service has its own database). */
const MIGRATION_LOCK_KEY = 72_331_019;

/**
 * Runs pending migrations under a session-level advisory lock, so replicas starting together apply each migration
 * once (TypeORM's own migrationsRun takes no lock). Each migration runs in its own transaction.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.length;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Names of the configured migrations not yet recorded in the migrations table. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const configured = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  if (configured.length === 0) return [];
  const exists = await dataSource.query('SELECT to_regclass($1) AS name', [table]);
  if (!exists[0]?.name) return configured;
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM "${table}"`);
  const applied = new Set(rows.map((row) => row.name));
  return configured.filter((name) => !applied.has(name));
}
