import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo-root';

const script = path.join(repoRoot(), 'scripts', 'k8s-dev-secrets.mjs');
const run = (dir: string, ...args: string[]) => execFileSync(process.execPath, [script, '--dir', dir, ...args], { encoding: 'utf8' });
const read = (dir: string, file: string) =>
  Object.fromEntries(readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));

describe('npm run k8s:dev-secrets (the dev overlay\'s Secrets)', () => {
  it('writes random credentials, readable by the owner only, with URLs that carry them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secrets-'));
    run(dir);
    const postgres = read(dir, 'postgres.env');
    const redis = read(dir, 'redis.env');
    expect(postgres.POSTGRES_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(new URL(postgres.PG_URL).password).toBe(postgres.POSTGRES_PASSWORD);
    expect(new URL(redis.REDIS_URL).password).toBe(redis.REDIS_PASSWORD);
    expect(read(dir, 'auth.env').JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'auth.env')).mode & 0o777).toBe(0o600);
  });

  it('keeps existing files unless --force', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secrets-'));
    run(dir);
    const first = read(dir, 'auth.env').JWT_SECRET;
    expect(run(dir)).toMatch(/wrote \[\]/);
    expect(read(dir, 'auth.env').JWT_SECRET).toBe(first);
    run(dir, '--force');
    expect(read(dir, 'auth.env').JWT_SECRET).not.toBe(first);
  });
});
