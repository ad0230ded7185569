import type { Server } from 'node:http';
import { inProcessBroker } from '@choice-sherpa/events/broker/in-process-stream-broker';
import { createLogger, PlatformLogger } from '@choice-sherpa/platform/logging/logger';
import { waitFor } from '@choice-sherpa/platform/runtime/wait-for';
import type { ServiceName } from '@choice-sherpa/platform';
import { createEntryServer } from '../entry-point/entry-proxy';
import { DataDirLock } from './data-dir-lock';
import { EmbeddedPostgres } from './embedded-postgres';
import { HostedApp, hostedServices, startHostedApps, stopHostedApps } from './hosted-apps';
import { HOSTED_SERVICES_TRUST_PROXY, HostSettings } from './host-settings';
import { RecoveryMarker } from './recovery-marker';

const DRAIN_TIMEOUT_MS = 5_000;

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/**
 * The whole system in this process: PostgreSQL (embedded unless given), the in-process broker (unless REDIS_URL),
 * the six services on loopback ports and the entry point on the one origin. Stopping closes the origin, lets the
 * broker drain, closes the services, records a drained stop (the next start's recovery point) and stops PostgreSQL.
 */
export async function startAllInOne(settings: HostSettings, webDir: string, say: (line: string) => void): Promise<Running> {
  const logger = createLogger('all-in-one', (settings.serviceEnv.LOG_LEVEL as 'info') ?? 'warn');
  const lock = new DataDirLock(settings.dataDir);
  lock.acquire();
  const postgres = settings.externalPgUrl ? undefined : new EmbeddedPostgres({ dataDir: settings.dataDir, log: say });
  let apps: HostedApp[] = [];
  try {
    const pgStarting = settings.externalPgUrl ? Promise.resolve(settings.externalPgUrl) : startPostgres(postgres!, say);
    // PostgreSQL starts (initdb on a first start) in its own process: meanwhile this thread loads the services' code.
    await Promise.race([postgres?.launched, pgStarting]).catch(() => undefined);
    const services = hostedServices();
    const pgUrl = await pgStarting;
    const marker = settings.redisUrl ? undefined : new RecoveryMarker(settings.dataDir, settings.externalPgUrl ?? 'embedded');
    if (marker) inProcessBroker().setRecoveryPoint(marker.read());
    applyServiceEnv(settings, pgUrl);
    apps = await startHostedApps(services);
    const upstreams = Object.fromEntries(apps.map(({ name, url }) => [name, url])) as Record<ServiceName, string>;
    const entry = createEntryServer({ upstreams, webDir, devLogin: process.env.DEV_LOGIN === 'true', logger });
    const port = await listen(entry, settings.port, settings.host);
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= shutdown(entry, apps, postgres, marker, logger).finally(() => lock.release()));
    return { url: `http://localhost:${port}`, stop };
  } catch (error) {
    await stopHostedApps(apps);
    await postgres?.stop();
    lock.release();
    throw error;
  }
}

async function startPostgres(postgres: EmbeddedPostgres, say: (line: string) => void): Promise<string> {
  const { initialised } = await postgres.start();
  if (initialised) say('PostgreSQL cluster created');
  return postgres.url;
}

/** The services read their settings from the environment, once, at start: this process's is theirs. */
function applyServiceEnv(settings: HostSettings, pgUrl: string): void {
  const origins = new Set([...(settings.serviceEnv.ALLOWED_ORIGINS ?? '').split(','), `http://localhost:${settings.port}`, `http://127.0.0.1:${settings.port}`]);
  const env: Record<string, string> = {
    ...settings.serviceEnv,
    PG_URL: pgUrl,
    STREAM_BROKER: settings.redisUrl ? 'redis' : 'in-process',
    PORT: '0',
    // The services sit behind the entry point: one trusted hop, so per-client rate limits key on the real client.
    TRUST_PROXY: HOSTED_SERVICES_TRUST_PROXY,
    ALLOWED_ORIGINS: [...origins].filter((origin) => origin.trim() !== '').join(','),
  };
  if (settings.redisUrl) env.REDIS_URL = settings.redisUrl;
  for (const name of ['DATABASE_URL', 'REDIS_URL']) delete process.env[name];
  Object.assign(process.env, env);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

async function shutdown(entry: Server, apps: HostedApp[], postgres: EmbeddedPostgres | undefined, marker: RecoveryMarker | undefined, logger: PlatformLogger): Promise<void> {
  await new Promise<void>((resolve) => {
    entry.close(() => resolve());
    entry.closeAllConnections();
  });
  const broker = marker ? inProcessBroker() : undefined;
  if (broker) await waitFor(() => broker.drained(), { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 50, what: 'the broker drained' }).catch(() => undefined);
  await stopHostedApps(apps);
  if (broker && marker) {
    if (broker.drained()) marker.write(new Date(Date.now() - 1_000));
    else logger.warn('events were still in flight at the stop: the next start re-publishes them from the outboxes');
  }
  await postgres?.stop();
}
