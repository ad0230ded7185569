import { DEFAULT_STREAM_LAYOUT } from '@choice-sherpa/events/streams/stream-layout';

/**
 * One environment setting as an operator meets it. Each service lists the settings it reads (the platform's below,
 * plus its own in `apps/<service>/src/<service>.settings.ts`); the deploy files (compose, Kubernetes) and the
 * README's settings table are checked against these lists, so a setting cannot be added without being provided.
 */
export interface SettingSpec {
  name: string;
  /** The process refuses to start without it. */
  required: boolean;
  /** Another setting that satisfies the requirement instead (e.g. DATABASE_URL or PG_URL). */
  alternative?: string;
  /** Its value when unset, as an operator would write it. */
  default?: string;
  /** A credential: provided from a Secret or an uncommitted env file, never literal in a committed file, never logged. */
  secret: boolean;
  description: string;
}

/** The settings every service reads through `loadPlatformConfig`. */
export const PLATFORM_SETTINGS: readonly SettingSpec[] = [
  { name: 'PORT', required: false, default: 'the service port of API.md (3001..3006)', secret: false, description: 'HTTP port' },
  { name: 'DATABASE_URL', required: true, alternative: 'PG_URL', secret: true, description: "the service's own PostgreSQL database" },
  { name: 'PG_URL', required: false, secret: true, description: 'a PostgreSQL server; the service uses its database choice_<service> on it' },
  { name: 'REDIS_URL', required: true, alternative: 'STREAM_BROKER', secret: true, description: 'Redis (streams, leases, the Socket.IO adapter)' },
  { name: 'STREAM_BROKER', required: false, default: 'redis', secret: false, description: 'redis, or in-process: every service in one process (npm start), no Redis at all' },
  { name: 'STREAM_PREFIX', required: false, default: DEFAULT_STREAM_LAYOUT.prefix, secret: false, description: 'prefix of the partition streams' },
  { name: 'STREAM_PARTITIONS', required: false, default: String(DEFAULT_STREAM_LAYOUT.partitions), secret: false, description: 'number of partition streams (change only with the outboxes drained)' },
  { name: 'JWT_SECRET', required: true, alternative: 'JWT_JWKS_URL', secret: true, description: 'shared HS256 secret (local use), at least 32 characters' },
  { name: 'JWT_JWKS_URL', required: false, secret: false, description: "the token issuer's JWKS endpoint (production)" },
  { name: 'JWT_ALGORITHM', required: false, default: 'HS256 with a secret, RS256 with JWKS', secret: false, description: 'the one accepted algorithm' },
  { name: 'JWT_ISSUER', required: false, secret: false, description: 'required `iss` of tokens' },
  { name: 'JWT_AUDIENCE', required: false, secret: false, description: 'required `aud` of tokens' },
  { name: 'LOG_LEVEL', required: false, default: 'info', secret: false, description: 'pino level' },
  { name: 'ALLOWED_ORIGINS', required: false, default: '(none)', secret: false, description: 'comma-separated browser origins (CORS and Socket.IO handshakes)' },
  { name: 'RATE_LIMIT_MAX', required: false, default: '300', secret: false, description: 'HTTP requests per client (the user of a valid token, else the client address) per window, per service, counted in Redis across replicas' },
  { name: 'RATE_LIMIT_WINDOW_MS', required: false, default: '60000', secret: false, description: 'rate-limit window' },
  { name: 'TRUST_PROXY', required: false, default: 'false', secret: false, description: 'whose X-Forwarded-For gives the client address: false, a comma list of proxy addresses/subnets (or loopback, linklocal, uniquelocal), or a hop count (true = 1)' },
  { name: 'DEV_LOGIN', required: false, default: 'false', secret: false, description: 'session-cycle serves POST /api/dev/token (development sign-in; on in npm start only)' },
  { name: 'BODY_LIMIT', required: false, default: '100kb', secret: false, description: 'largest request body' },
];
