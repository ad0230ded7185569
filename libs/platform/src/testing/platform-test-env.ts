import { SignJWT } from 'jose';
import { TEST_REDIS_URL, uniqueName } from './test-database';

/** The JWT settings test apps run with; tokens from signTestToken pass their guard. */
export const TEST_JWT = {
  secret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  issuer: 'choice-sherpa-test',
  audience: 'choice-sherpa-api',
} as const;

/**
 * An environment for PlatformModule.forService({ env }) or a child process: own database, shared Redis, test JWT,
 * and its own stream prefix unless given one (the prefix also keys the rate-limit counters in Redis).
 */
export function testPlatformEnv(settings: { databaseUrl: string; streamPrefix?: string } & Record<string, string | undefined>): Record<string, string | undefined> {
  const { databaseUrl, streamPrefix, ...rest } = settings;
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    STREAM_PREFIX: streamPrefix ?? uniqueName('test'),
    JWT_SECRET: TEST_JWT.secret,
    JWT_ISSUER: TEST_JWT.issuer,
    JWT_AUDIENCE: TEST_JWT.audience,
    LOG_LEVEL: 'warn',
    ...rest,
  };
}

export interface TestTokenOptions {
  roles?: string[];
  email?: string;
  /** Seconds until expiry; negative for an expired token. */
  expiresInS?: number;
  secret?: string;
  issuer?: string;
  audience?: string;
  algorithm?: 'HS256' | 'HS384' | 'HS512';
}

/** A bearer token for `userId` signed with the test secret (valid for the test env unless options say otherwise). */
export async function signTestToken(userId: string, options: TestTokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { roles: options.roles ?? [] };
  if (options.email) claims.email = options.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.algorithm ?? 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(options.issuer ?? TEST_JWT.issuer)
    .setAudience(options.audience ?? TEST_JWT.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInS ?? 3600))
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT.secret));
}
