import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pendingMigrations } from '../database/locked-migrations';
import { RedisProbe } from './redis-probe';

export type CheckStatus = 'up' | 'down';

export interface ReadinessReport {
  ready: boolean;
  checks: { name: 'database' | 'migrations' | 'redis'; status: CheckStatus; reason?: string }[];
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Database reachable (`SELECT 1`), every migration applied, Redis (when used) answering PING; each check bounded in time.
 * Migrations are queried only until they are found applied: the process applies them before it serves, and nothing
 * un-applies them, so once seen applied they are not asked about again (a probe costs one `SELECT 1` and one PING).
 */
@Injectable()
export class ReadinessService {
  private migrationsApplied = false;

  constructor(private readonly dataSource: DataSource, private readonly redis: RedisProbe) {}

  async check(): Promise<ReadinessReport> {
    const [database, migrations, redis] = await Promise.all([
      this.run(async () => {
        await this.dataSource.query('SELECT 1');
      }),
      this.run(async () => {
        if (this.migrationsApplied) return;
        const pending = await pendingMigrations(this.dataSource);
        if (pending.length > 0) throw new Error(`${pending.length} pending`);
        this.migrationsApplied = true;
      }),
      this.run(() => this.redis.ping()),
    ]);
    const checks: ReadinessReport['checks'] = [
      { name: 'database' as const, ...database },
      { name: 'migrations' as const, ...migrations },
    ];
    if (this.redis.enabled) checks.push({ name: 'redis' as const, ...redis });
    return { ready: checks.every((check) => check.status === 'up'), checks };
  }

  private async run(check: () => Promise<void>): Promise<{ status: CheckStatus; reason?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', reason: reasonOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A short reason without connection strings or hosts. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (/pending|timed out/.test(message)) return message;
  return code ? `unavailable (${code})` : 'unavailable';
}
