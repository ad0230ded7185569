import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DisposableRedisServer } from '@choice-sherpa/platform/testing/redis-server';
import { EmbeddedPostgres } from '../../hosts/all-in-one/embedded-postgres';

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/**
 * Part of the Jest global setup (jest.global-setup.ts): the tests need PostgreSQL and Redis. Whatever answers at
 * TEST_DATABASE_URL / TEST_REDIS_URL (default: the local servers) is used; otherwise an embedded PostgreSQL and a
 * `redis-server` from PATH run for this test run on free ports (the test processes inherit their URLs), and stop with
 * it (the returned function). No Redis at all: stop at once.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const pgUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_PG;
  if (!(await postgresAnswers(pgUrl))) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cs-test-pg-'));
    const postgres = new EmbeddedPostgres({ dataDir, log: (line) => process.stderr.write(`[test setup] ${line}\n`) });
    await postgres.start();
    process.env.TEST_DATABASE_URL = `${postgres.url}/postgres`;
    process.stderr.write(`[test setup] no PostgreSQL at ${redact(pgUrl)}: an embedded one runs for this test run\n`);
    stops.push(async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS;
  if (!(await redisAnswers(redisUrl))) {
    if (!onPath('redis-server')) {
      process.stderr.write(`no Redis at ${redisUrl} and no redis-server on PATH: install Redis 7 (apt-get install redis-server, brew install redis) or set TEST_REDIS_URL\n`);
      await Promise.all(stops.map((stop) => stop()));
      process.exit(1);
    }
    const redis = await DisposableRedisServer.start();
    process.env.TEST_REDIS_URL = redis.url;
    process.stderr.write(`[test setup] no Redis at ${redisUrl}: redis-server runs on ${redis.url} for this test run\n`);
    stops.push(() => redis.stop('SIGTERM'));
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  parsed.password = parsed.password ? '***' : '';
  return parsed.toString();
}
