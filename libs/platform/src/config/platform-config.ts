import { DEFAULT_STREAM_LAYOUT } from '@choice-sherpa/events/streams/stream-layout';
import { trustFunction, TrustProxy } from '../request/client-address';
import { ConfigError } from './config-error';
import { Env, EnvReader } from './env-reader';
import { databaseNameFor, isServiceName, ServiceName, SERVICE_PORTS } from './service-name';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Minimum HS256 secret length: shorter secrets can be brute-forced offline from one token. */
export const MIN_SECRET_LENGTH = 32;

export interface JwtConfig {
  /** Local shared secret (HS*); set exactly one of secret and jwksUrl. */
  secret?: string;
  /** Issuer's JWKS endpoint (production). */
  jwksUrl?: string;
  /** The one algorithm accepted; every other (and `none`) is refused. */
  algorithm: string;
  issuer?: string;
  audience?: string;
}

export interface RateLimitConfig {
  /** Requests allowed per client IP per window. */
  limit: number;
  windowMs: number;
}

/** Where the event streams live: Redis Streams (any number of processes) or this process's memory (`npm start`). */
export const STREAM_BROKERS = ['redis', 'in-process'] as const;
export type StreamBrokerKind = (typeof STREAM_BROKERS)[number];

export interface PlatformConfig {
  service: ServiceName;
  port: number;
  databaseUrl: string;
  streamBroker: StreamBrokerKind;
  /** Redis (streams, leases, the Socket.IO adapter); undefined with the in-process broker, where nothing uses Redis. */
  redisUrl: string | undefined;
  streamPrefix: string;
  streamPartitions: number;
  jwt: JwtConfig;
  logLevel: LogLevel;
  allowedOrigins: string[];
  rateLimit: RateLimitConfig;
  /** Whose X-Forwarded-For is believed for the client address (TrustProxy): 0 = nobody. */
  trustProxy: TrustProxy;
  /** Largest accepted request body (body-parser syntax, e.g. `100kb`). */
  bodyLimit: string;
  /** `POST /api/dev/token` signs development tokens (session-cycle; npm start turns it on). Never in production. */
  devLogin: boolean;
}

/**
 * Reads and validates every setting once. Throws ConfigError naming the first missing or invalid variable.
 * DATABASE_URL wins; without it the service's own database (`choice_<service>`) on the server of PG_URL is used.
 */
export function loadPlatformConfig(service: ServiceName, env: Env = process.env): PlatformConfig {
  if (!isServiceName(service)) throw new ConfigError('service', `unknown service "${String(service)}"`);
  const read = new EnvReader(env);
  const streamBroker = read.oneOf('STREAM_BROKER', STREAM_BROKERS, 'redis');
  return {
    service,
    port: read.integer('PORT', SERVICE_PORTS[service], { min: 0, max: 65_535 }),
    databaseUrl: databaseUrl(read, service),
    streamBroker,
    redisUrl: streamBroker === 'in-process' ? undefined : read.url('REDIS_URL', ['redis:', 'rediss:'], read.required('REDIS_URL')),
    streamPrefix: read.optional('STREAM_PREFIX') ?? DEFAULT_STREAM_LAYOUT.prefix,
    streamPartitions: read.integer('STREAM_PARTITIONS', DEFAULT_STREAM_LAYOUT.partitions, { min: 1, max: 1024 }),
    jwt: jwtConfig(read),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    allowedOrigins: read.list('ALLOWED_ORIGINS'),
    rateLimit: {
      limit: read.integer('RATE_LIMIT_MAX', 300, { min: 1, max: 1_000_000 }),
      windowMs: read.integer('RATE_LIMIT_WINDOW_MS', 60_000, { min: 100, max: 86_400_000 }),
    },
    trustProxy: trustProxy(read),
    bodyLimit: bodyLimit(read),
    devLogin: read.boolean('DEV_LOGIN', false),
  };
}

function databaseUrl(read: EnvReader, service: ServiceName): string {
  const explicit = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  if (explicit) return explicit;
  const server = read.url('PG_URL', ['postgres:', 'postgresql:']);
  if (!server) throw new ConfigError('DATABASE_URL', 'is required (or set PG_URL to derive the service database) (not set)');
  const url = new URL(server);
  url.pathname = `/${databaseNameFor(service)}`;
  return url.toString();
}

function jwtConfig(read: EnvReader): JwtConfig {
  const secret = read.optional('JWT_SECRET');
  const jwksUrl = read.url('JWT_JWKS_URL', ['https:', 'http:']);
  // Keys fetched over plain HTTP could be swapped in transit; only a loopback issuer (tests, a local IdP) may use it.
  if (jwksUrl && new URL(jwksUrl).protocol === 'http:' && !LOOPBACK_HOSTS.has(new URL(jwksUrl).hostname)) {
    throw new ConfigError('JWT_JWKS_URL', 'must use https (plain http only for a loopback issuer)');
  }
  if (secret && jwksUrl) throw new ConfigError('JWT_SECRET', 'set either JWT_SECRET or JWT_JWKS_URL, not both');
  if (!secret && !jwksUrl) throw new ConfigError('JWT_SECRET', 'is required (or JWT_JWKS_URL) (not set)');
  if (secret && secret.length < MIN_SECRET_LENGTH) throw new ConfigError('JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  const algorithm = secret
    ? read.oneOf('JWT_ALGORITHM', HMAC_ALGORITHMS, 'HS256')
    : read.oneOf('JWT_ALGORITHM', ASYMMETRIC_ALGORITHMS, 'RS256');
  return { secret, jwksUrl, algorithm, issuer: read.optional('JWT_ISSUER'), audience: read.optional('JWT_AUDIENCE') };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `false` (default), `true` (= 1 hop), a hop count, or a comma list of addresses, subnets and proxy-addr names. */
function trustProxy(read: EnvReader): TrustProxy {
  const raw = read.optional('TRUST_PROXY')?.toLowerCase();
  if (raw === undefined || raw === 'false') return 0;
  if (raw === 'true') return 1;
  if (/^\d+$/.test(raw)) return read.integer('TRUST_PROXY', 0, { min: 0, max: 10 });
  const list = read.list('TRUST_PROXY');
  try {
    trustFunction(list);
  } catch {
    throw new ConfigError('TRUST_PROXY', 'must be false, true, a hop count, or a comma list of addresses, subnets, loopback, linklocal, uniquelocal');
  }
  return list;
}

function bodyLimit(read: EnvReader): string {
  const value = read.optional('BODY_LIMIT') ?? '100kb';
  if (!/^\d+(b|kb|mb)$/i.test(value)) throw new ConfigError('BODY_LIMIT', `must look like 100kb or 1mb, got "${value}"`);
  return value;
}
