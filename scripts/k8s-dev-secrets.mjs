#!/usr/bin/env node
// Writes the dev overlay's Secrets (deploy/k8s/overlays/dev/secrets/*.env, never committed) with fresh random
// passwords and keys, for `kubectl apply -k deploy/k8s/overlays/dev`. Keeps files that exist unless --force.
//   npm run k8s:dev-secrets [-- --force] [-- --dir <folder>]
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './env-file.mjs';

const hex = (bytes) => randomBytes(bytes).toString('hex');

/** File name → its KEY=value lines. Each file becomes one Secret of the dev overlay (its secretGenerator). */
export function devSecrets() {
  const postgresPassword = hex(24);
  const redisPassword = hex(24);
  return {
    'postgres.env': { POSTGRES_PASSWORD: postgresPassword, PG_URL: `postgres://postgres:${postgresPassword}@postgres:5432` },
    'redis.env': { REDIS_PASSWORD: redisPassword, REDIS_URL: `redis://:${redisPassword}@redis:6379` },
    'auth.env': { JWT_SECRET: hex(32) },
  };
}

export function writeDevSecrets(dir, { force = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const [file, values] of Object.entries(devSecrets())) {
    const target = path.join(dir, file);
    if (existsSync(target) && !force) continue;
    const lines = Object.entries(values).map(([key, value]) => `${key}=${value}`);
    writeFileSync(target, `${lines.join('\n')}\n`, { mode: 0o600 });
    written.push(file);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf('--dir');
  const dir = dirIndex >= 0 ? path.resolve(args[dirIndex + 1]) : path.join(repoRoot, 'deploy', 'k8s', 'overlays', 'dev', 'secrets');
  const written = writeDevSecrets(dir, { force: args.includes('--force') });
  process.stdout.write(`${path.relative(process.cwd(), dir) || dir}: wrote [${written.join(', ')}]${written.length < 3 ? ' (kept the others; --force replaces them)' : ''}\n`);
}
