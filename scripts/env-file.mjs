// Reads config/local.env (dotenv syntax) for the development scripts; the process environment always wins.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCAL_ENV_FILE = path.join(repoRoot, 'config', 'local.env');

/** KEY=VALUE lines, `#` comments, optional `export ` and quotes. */
export function parseEnvText(text) {
  const env = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"));
    value = quoted ? value.slice(1, -1) : value.replace(/\s+#.*$/, '');
    env[match[1]] = value;
  }
  return env;
}

/** config/local.env overlaid by process.env. */
export function localEnv(file = LOCAL_ENV_FILE) {
  const fromFile = existsSync(file) ? parseEnvText(readFileSync(file, 'utf8')) : {};
  const fromProcess = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''));
  return { ...fromFile, ...fromProcess };
}
