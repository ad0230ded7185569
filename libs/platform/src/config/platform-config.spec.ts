import { ConfigError } from './config-error';
import { loadPlatformConfig } from './platform-config';

const complete = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/choice_notifier',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
};

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadPlatformConfig('notifier', env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('platform configuration', () => {
  it('reads a complete environment with the documented defaults', () => {
    const config = loadPlatformConfig('notifier', complete);
    expect(config).toMatchObject({
      service: 'notifier',
      port: 3006,
      databaseUrl: complete.DATABASE_URL,
      redisUrl: complete.REDIS_URL,
      streamPrefix: 'cs:events',
      streamPartitions: 8,
      jwt: { secret: complete.JWT_SECRET, algorithm: 'HS256' },
      logLevel: 'info',
      allowedOrigins: [],
      rateLimit: { limit: 300, windowMs: 60_000 },
      trustProxy: 0,
      bodyLimit: '100kb',
      streamBroker: 'redis',
      devLogin: false,
    });
  });

  it('needs no Redis with the in-process broker, and ignores REDIS_URL there', () => {
    const config = loadPlatformConfig('notifier', { ...complete, REDIS_URL: undefined, STREAM_BROKER: 'in-process' });
    expect(config).toMatchObject({ streamBroker: 'in-process', redisUrl: undefined });
    expect(loadPlatformConfig('notifier', { ...complete, STREAM_BROKER: 'in-process' }).redisUrl).toBeUndefined();
    expect(failure({ ...complete, STREAM_BROKER: 'kafka' }).setting).toBe('STREAM_BROKER');
  });

  it('turns the development sign-in on only with DEV_LOGIN=true', () => {
    expect(loadPlatformConfig('notifier', { ...complete, DEV_LOGIN: 'true' }).devLogin).toBe(true);
    expect(failure({ ...complete, DEV_LOGIN: 'yes please' }).setting).toBe('DEV_LOGIN');
  });

  it.each([
    ['REDIS_URL', { ...complete, REDIS_URL: undefined }],
    ['DATABASE_URL', { ...complete, DATABASE_URL: undefined }],
    ['JWT_SECRET', { ...complete, JWT_SECRET: '' }],
  ])('names the missing %s', (setting, env) => {
    const error = failure(env);
    expect(error.setting).toBe(setting);
    expect(error.message).toMatch(new RegExp(`^${setting}: .*not set`));
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_SECRET', { JWT_JWKS_URL: 'https://issuer.example/jwks' }],
    ['JWT_ALGORITHM', { JWT_ALGORITHM: 'none' }],
    ['JWT_JWKS_URL', { JWT_SECRET: undefined, JWT_JWKS_URL: 'http://issuer.example/jwks' }],
    ['JWT_ALGORITHM', { JWT_ALGORITHM: 'RS256' }],
    ['STREAM_PARTITIONS', { STREAM_PARTITIONS: '0' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes please' }],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }],
    ['RATE_LIMIT_MAX', { RATE_LIMIT_MAX: '-1' }],
  ])('names the invalid %s (%j)', (setting, override) => {
    expect(failure({ ...complete, ...override }).setting).toBe(setting);
  });

  it('derives the service database from PG_URL when DATABASE_URL is absent', () => {
    const config = loadPlatformConfig('dashboard-projector', { ...complete, DATABASE_URL: undefined, PG_URL: 'postgres://postgres@127.0.0.1:5432' });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/choice_dashboard_projector');
  });

  it('uses the issuer JWKS with RS256 by default when JWT_JWKS_URL replaces the secret', () => {
    const config = loadPlatformConfig('notifier', { ...complete, JWT_SECRET: undefined, JWT_JWKS_URL: 'https://issuer.example/jwks' });
    expect(config.jwt).toMatchObject({ jwksUrl: 'https://issuer.example/jwks', algorithm: 'RS256', secret: undefined });
  });

  it('reads TRUST_PROXY as a list of trusted proxy addresses and subnets', () => {
    expect(loadPlatformConfig('session-cycle', { ...complete, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadPlatformConfig('session-cycle', { ...complete, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadPlatformConfig('session-cycle', { ...complete }).trustProxy).toBe(0);
  });

  it('reads lists, proxy trust and limits', () => {
    const config = loadPlatformConfig('ws-gateway', {
      ...complete,
      ALLOWED_ORIGINS: 'http://localhost:5173, https://app.example',
      TRUST_PROXY: 'true',
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '1000',
      PORT: '0',
    });
    expect(config).toMatchObject({
      port: 0,
      allowedOrigins: ['http://localhost:5173', 'https://app.example'],
      trustProxy: 1,
      rateLimit: { limit: 5, windowMs: 1000 },
    });
  });
});
