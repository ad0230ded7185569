import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadPlatformConfig, TokenVerifier } from '@choice-sherpa/platform';
import { TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL, uniqueName } from '@choice-sherpa/platform/testing';
import { repoRoot } from '../support/repo-root';

const run = promisify(execFile);

describe('npm run token', () => {
  const env = {
    PATH: process.env.PATH,
    JWT_SECRET: 'a-secret-for-the-token-script-test-0123456789',
    JWT_ISSUER: 'token-test-issuer',
    JWT_AUDIENCE: 'token-test-audience',
  };
  const verifier = new TokenVerifier(
    loadPlatformConfig('session-cycle', { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused', REDIS_URL: TEST_REDIS_URL }),
  );
  const mint = (...args: string[]) => run(process.execPath, [path.join(repoRoot(), 'scripts', 'token.mjs'), ...args], { env, cwd: repoRoot() });

  it('prints a token the services accept, with the admin role and email when asked', async () => {
    const { stdout } = await mint('alice', '--admin', '--email', 'alice@example.test');
    await expect(verifier.verify(stdout.trim())).resolves.toEqual({ userId: 'alice', email: 'alice@example.test', roles: ['admin'] });
  });

  it('prints a plain user token by default', async () => {
    const { stdout } = await mint('bob');
    await expect(verifier.verify(stdout.trim())).resolves.toEqual({ userId: 'bob', email: undefined, roles: [] });
  });

  it('expires after one hour', async () => {
    const { stdout } = await mint('carol');
    const claims = JSON.parse(Buffer.from(stdout.trim().split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('fails with usage when the user id is missing', async () => {
    await expect(mint('--admin')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('a user id is required') });
  });
});

describe('npm run db:create', () => {
  it('creates missing databases and tolerates existing ones', async () => {
    const { createDatabases } = (await import(path.join(repoRoot(), 'scripts', 'create-databases.mjs'))) as {
      createDatabases: (server: string, names: string[]) => Promise<string[]>;
    };
    const names = [uniqueName('dbcreate').replace(/-/g, '_'), uniqueName('dbcreate').replace(/-/g, '_')];
    const server = new URL(TEST_ADMIN_DATABASE_URL);
    server.pathname = '';
    try {
      expect(await createDatabases(server.toString(), names)).toEqual(names);
      expect(await createDatabases(server.toString(), names)).toEqual([]);
      await Promise.all([createDatabases(server.toString(), names), createDatabases(server.toString(), names)]);
    } finally {
      const client = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
      await client.connect();
      for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  });
});
