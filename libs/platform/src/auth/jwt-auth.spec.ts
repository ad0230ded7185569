import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, exportSPKI } from 'jose';
import { loadPlatformConfig } from '../config/platform-config';
import { errorOf, jsonOf } from '../spec-support/http';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { signTestToken, TEST_JWT } from '../testing/platform-test-env';
import { TokenVerifier } from './token-verifier';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: 'user-1', iss: TEST_JWT.issuer, aud: TEST_JWT.audience, iat: now(), exp: now() + 600, roles: ['admin'] });

function unsignedToken(): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
}

async function rsaToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
}

describe('JWT guard on HTTP routes', () => {
  let t: PlatformTestApp;

  beforeAll(async () => {
    t = await startPlatformTestApp({ RATE_LIMIT_MAX: '1000' });
  });
  afterAll(() => t.close());

  const me = (authorization?: string) =>
    fetch(`${t.baseUrl}/api/things/me`, { headers: authorization === undefined ? {} : { authorization } });

  it('admits a valid token and exposes the user id, email and roles', async () => {
    const response = await me(`Bearer ${await signTestToken('user-7', { email: 'u7@example.test', roles: ['admin'] })}`);
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toMatchObject({ userId: 'user-7', email: 'u7@example.test', roles: ['admin'] });
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['a non-bearer scheme', async () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['garbage after Bearer', async () => 'Bearer {"sub":"x"}'],
    ['alg:none', async () => `Bearer ${unsignedToken()}`],
    ['HS512 with the right secret (algorithm not configured)', async () => `Bearer ${await signTestToken('user-1', { algorithm: 'HS512' })}`],
    ['RS256 (algorithm confusion)', async () => `Bearer ${await rsaToken()}`],
    ['a wrong secret', async () => `Bearer ${await signTestToken('user-1', { secret: 'another-secret-another-secret-another-secret' })}`],
    ['an expired token', async () => `Bearer ${await signTestToken('user-1', { expiresInS: -120 })}`],
    ['a wrong audience', async () => `Bearer ${await signTestToken('user-1', { audience: 'someone-else' })}`],
    ['a wrong issuer', async () => `Bearer ${await signTestToken('user-1', { issuer: 'https://evil.example' })}`],
    [
      'a token without expiry',
      async () => {
        const { exp: _exp, ...rest } = claims();
        return `Bearer ${await new SignJWT(rest).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_JWT.secret))}`;
      },
    ],
    [
      'a roles claim that is not a string array',
      async () => `Bearer ${await new SignJWT({ ...claims(), roles: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_JWT.secret))}`,
    ],
  ];

  it.each(refused)('refuses %s with 401 UNAUTHORIZED in the error shape', async (_case, header) => {
    const response = await me(await header());
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.details).toEqual([]);
    expect(typeof error.message).toBe('string');
  });

  it('lets @Public() routes through without a token', async () => {
    expect((await fetch(`${t.baseUrl}/api/things/open`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
  });
});

describe('TokenVerifier with an issuer JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifier = () =>
    new TokenVerifier(
      loadPlatformConfig('notifier', {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
        REDIS_URL: 'redis://127.0.0.1:6379',
        JWT_JWKS_URL: jwksUrl,
        JWT_ISSUER: TEST_JWT.issuer,
        JWT_AUDIENCE: TEST_JWT.audience,
      }),
    );

  it('accepts an RS256 token signed by the issuer key', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(keys.privateKey);
    await expect(verifier().verify(token)).resolves.toEqual({ userId: 'user-1', email: undefined, roles: ['admin'] });
  });

  it('answers the same token again from its first verification, each caller with its own copy', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(keys.privateKey);
    const once = verifier();
    const first = await once.verify(token);
    first.roles.push('granted-by-the-caller');
    await expect(once.verify(token)).resolves.toEqual({ userId: 'user-1', email: undefined, roles: ['admin'] });
  });

  it('refuses an HS256 token whose secret is the issuer public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(keys.publicKey);
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(pem));
    await expect(verifier().verify(token)).rejects.toThrow(/invalid token/);
  });

  it('refuses a token signed by another key and alg:none', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(other.privateKey);
    await expect(verifier().verify(forged)).rejects.toThrow(/invalid token/);
    await expect(verifier().verify(unsignedToken())).rejects.toThrow(/invalid token/);
  });
});
