import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { EnvReader } from '@choice-sherpa/platform/config/env-reader';

export interface HostSettings {
  /** The one origin (default 3000). */
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server given in the environment (PG_URL or DATABASE_URL); otherwise the embedded one. */
  externalPgUrl?: string;
  /** Redis given in the environment; otherwise the in-process broker and nothing uses Redis. */
  redisUrl?: string;
  /** The services' environment without the connection settings (filled in by the host). */
  serviceEnv: Record<string, string>;
}

/**
 * TRUST_PROXY of the hosted services: exactly one trusted hop, the in-process entry point (the services listen on
 * loopback ports only, so nothing else reaches them but this machine's own processes). Their rate limits and socket
 * quotas then key on the address the entry point saw, the real client's (also on a LAN with HOST=0.0.0.0), and
 * X-Forwarded-For entries the client sent itself are ignored. A list such as `loopback` would not do: a local
 * client's own loopback entry would be trusted too, and the entry left of it (the client's choice) taken.
 */
export const HOSTED_SERVICES_TRUST_PROXY = '1';

/** Settings config/local.env must not decide here: npm start runs on embedded infrastructure unless the environment says otherwise. */
const CONNECTION_SETTINGS = ['PG_URL', 'DATABASE_URL', 'REDIS_URL', 'PORT', 'STREAM_BROKER'];

/**
 * npm start's settings: the process environment, over config/local.env for everything but where PostgreSQL and Redis
 * are (so `npm run token` signs with the same JWT_SECRET), with the defaults of a laptop: port 3000 on localhost,
 * data in .data/, development sign-in on, warnings and errors only in the console (LOG_LEVEL=info for more).
 */
export function loadHostSettings(env: NodeJS.ProcessEnv, repoRoot: string): HostSettings {
  const read = new EnvReader(env);
  const port = read.integer('PORT', 3000, { min: 0, max: 65_535 });
  const localFile = path.join(repoRoot, 'config', 'local.env');
  const local = existsSync(localFile) ? (parseEnv(readFileSync(localFile, 'utf8')) as Record<string, string>) : {};
  for (const name of [...CONNECTION_SETTINGS, 'LOG_LEVEL']) delete local[name];
  const fromProcess = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>;
  const serviceEnv: Record<string, string> = { LOG_LEVEL: 'warn', DEV_LOGIN: 'true', ...local, ...fromProcess };
  for (const name of CONNECTION_SETTINGS) delete serviceEnv[name];
  return {
    port,
    host: read.optional('HOST') ?? '127.0.0.1',
    dataDir: path.resolve(read.optional('DATA_DIR') ?? path.join(repoRoot, '.data')),
    externalPgUrl: read.url('PG_URL', ['postgres:', 'postgresql:']) ?? serverOf(read.url('DATABASE_URL', ['postgres:', 'postgresql:'])),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    serviceEnv,
  };
}

/** DATABASE_URL names one database; six services need six, on its server. */
function serverOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const server = new URL(url);
  server.pathname = '/';
  return server.toString();
}
