import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../support/repo-root';

export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  restart?: string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  stop_grace_period?: string;
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string }; reservations?: { memory?: string } } };
  [key: string]: unknown;
}

export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

export const COMPOSE_FILE = path.join(repoRoot(), 'docker-compose.yml');

/** The env file docker compose reads (`.env`), as a user makes it from .env.example with every CHANGE_ME replaced. */
export function exampleEnv(replacement = (name: string) => `${name.toLowerCase()}-0123456789abcdef0123456789abcdef`): Record<string, string> {
  const text = readFileSync(path.join(repoRoot(), '.env.example'), 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2] === 'CHANGE_ME' ? replacement(match[1]) : match[2];
  }
  return env;
}

/**
 * Compose's interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `$$`),
 * applied to every string of the parsed file, so tests see what a container really gets.
 */
export function interpolate(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, operator, argument, bare) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    const current = env[name];
    const unset = operator?.startsWith(':') ? current === undefined || current === '' : current === undefined;
    if (operator?.endsWith('-')) return unset ? argument : (current as string);
    if (operator?.endsWith('?')) {
      if (unset) throw new Error(`required variable ${name} is missing: ${argument}`);
      return current as string;
    }
    return current ?? '';
  });
}

function interpolateAll(node: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, interpolateAll(item, env)]));
  return node;
}

/** The file as YAML (merge keys resolved); with `env`, interpolated as docker compose would. */
export function loadCompose(env?: Readonly<Record<string, string | undefined>>): ComposeFile {
  const parsed = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true, uniqueKeys: true }) as ComposeFile;
  return env ? (interpolateAll(parsed, env) as ComposeFile) : parsed;
}
