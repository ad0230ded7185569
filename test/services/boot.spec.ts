import { existsSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import {
  createTestDatabase,
  freePort,
  signTestToken,
  TEST_REDIS_URL,
  testPlatformEnv,
  TestDatabase,
  uniqueName,
  waitFor,
} from '@choice-sherpa/platform/testing';
import { distDir, ServiceProcess } from '../support/service-process';
import { SERVICES, Service } from '../support/services';

/**
 * Each compiled app (`node dist/apps/<app>/src/main.js`, what its container runs) boots on its own database and stream
 * prefix, becomes ready, serves metrics, refuses a request without a token, and stops cleanly on SIGTERM.
 * `npm test` builds dist first; E2E_DIST_DIR points at a private build instead (safe from concurrent rebuilds).
 */
const READY_TIMEOUT_MS = 60_000;
/** Services that write events through the outbox (ARCHITECTURE.md). */
const PRODUCERS: Service[] = ['session-cycle', 'conversation', 'analysis-worker'];

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function consumerGroups(stream: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const groups = (await redis.xinfo('GROUPS', stream).catch(() => [])) as unknown[][];
    return groups.map((fields) => String(fields[fields.indexOf('name') + 1]));
  } finally {
    redis.disconnect();
  }
}

function serviceEnv(database: TestDatabase, streamPrefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...testPlatformEnv({ databaseUrl: database.url, streamPrefix, STREAM_PARTITIONS: '2', LOG_LEVEL: 'info', ...extra }),
  };
}

interface Booted {
  database: TestDatabase;
  streamPrefix: string;
  process: ServiceProcess;
}

describe('the six services boot as processes', () => {
  const booted = new Map<Service, Booted>();

  // All six start together (as the stack does), each on its own database, stream prefix and free port.
  beforeAll(async () => {
    const missing = SERVICES.filter((service) => !existsSync(path.join(distDir(), 'apps', service, 'src', 'main.js')));
    if (missing.length > 0) throw new Error(`not built in ${distDir()}: ${missing.join(', ')} (run npm run build)`);
    for (const service of SERVICES) {
      const database = await createTestDatabase(`boot_${service.replace(/-/g, '_')}`);
      const streamPrefix = uniqueName(`boot-${service}`);
      booted.set(service, { database, streamPrefix, process: new ServiceProcess(service, await freePort(), serviceEnv(database, streamPrefix)) });
    }
    for (const { process } of booted.values()) process.start();
    await Promise.all([...booted.values()].map(({ process }) => process.waitReady(READY_TIMEOUT_MS)));
  }, READY_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    for (const { process, database, streamPrefix } of booted.values()) {
      await process.kill();
      await database.drop();
      await deleteKeys(streamPrefix);
    }
  });

  describe.each(SERVICES)('%s', (service: Service) => {
    const child = () => booted.get(service)!.process;

    it('is live and ready with database, migrations and Redis up', async () => {
      expect((await fetch(`${child().url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${child().url}/health/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { checks: { name: string; status: string }[] };
      expect(body.checks.map((check) => `${check.name}:${check.status}`)).toEqual(['database:up', 'migrations:up', 'redis:up']);
    });

    it('serves Prometheus metrics: process, HTTP, consumer and (for producers) outbox metrics', async () => {
      const response = await fetch(`${child().url}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      const expected = ['process_cpu_user_seconds_total', 'http_requests_total', 'events_processed_total', 'event_processing_duration_seconds', 'duplicate_events_skipped_total'];
      if (PRODUCERS.includes(service)) expected.push('events_published_total', 'outbox_pending_count', 'outbox_age_seconds');
      for (const name of expected) expect(text).toContain(`# TYPE ${name} `);
    });

    it('refuses the admin API without a token (401) and without the admin role (403), admits an admin', async () => {
      const url = `${child().url}/admin/dead-letters`;
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
      const user = await fetch(url, { headers: { authorization: `Bearer ${await signTestToken('u1')}` } });
      expect(user.status).toBe(403);
      const admin = await fetch(url, { headers: { authorization: `Bearer ${await signTestToken('ops', { roles: ['admin'] })}` } });
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual({ items: [], total: 0 });
    });

    it('serves its OpenAPI document and UI at /api/docs(.json) and under /api/docs/<service>', async () => {
      for (const path of ['/api/docs.json', `/api/docs/${service}/openapi.json`]) {
        const response = await fetch(`${child().url}${path}`);
        expect(response.status).toBe(200);
        const document = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
        expect(document.openapi).toBe('3.1.0');
        expect(document.info.title).toBe(`Choice Sherpa ${service}`);
        expect(Object.keys(document.paths)).toContain('/admin/dead-letters');
      }
      for (const path of ['/api/docs', `/api/docs/${service}`]) {
        const ui = await fetch(`${child().url}${path}`);
        expect(ui.status).toBe(200);
        expect(await ui.text()).toContain('swagger-ui');
      }
    });

    it('joins its consumer group (named after the service) on the partition streams', async () => {
      const stream = `${booted.get(service)!.streamPrefix}:p0`;
      await waitFor(async () => (await consumerGroups(stream)).includes(service), { timeoutMs: 15_000, what: `${service} consumer group on ${stream}` });
    });

    it('exits with code 0 on SIGTERM, having logged only JSON lines and no token', async () => {
      await child().stop(15_000);
      expect(child().exits).toEqual(['code 0']);
      const lines = child().logTail(400).split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
      expect(child().logTail(400)).not.toMatch(/eyJ|Bearer/);
    });
  });
});

describe('a service with a missing setting', () => {
  it('refuses to start without JWT_SECRET and names it', async () => {
    const database = await createTestDatabase('boot_config');
    try {
      const child = new ServiceProcess('notifier', await freePort(), serviceEnv(database, uniqueName('boot-config'), { JWT_SECRET: '' }));
      child.start();
      await waitFor(() => child.exits.length > 0, { timeoutMs: 30_000, what: 'notifier to exit' });
      expect(child.exits).toEqual(['code 1']);
      expect(child.logTail()).toContain('JWT_SECRET');
    } finally {
      await database.drop();
    }
  });
});
