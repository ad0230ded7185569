#!/usr/bin/env node
// Starts the six compiled services as separate processes (the same entry points the containers run), waits until
// every one answers /health/ready, prints their URLs, and stops them all on Ctrl-C / SIGTERM.
//
//   npm run stack            (builds first; see package.json)
//   node scripts/stack.mjs   (uses the existing dist/)
//
// Configuration: config/local.env (if present), overridden by the process environment. Each service gets its own
// PORT (API.md) and its own database `choice_<service>` on the server of PG_URL (or DATABASE_URL); `<SERVICE>_PORT` and
// `<SERVICE>_DATABASE_URL` (e.g. SESSION_CYCLE_PORT) override one service. In front of them the entry point
// (dist/hosts/entry-point/main.js, the routes of API.md "One entry point") listens on ENTRY_PORT (default 3000). STACK_READY_TIMEOUT_MS bounds startup
// (default 120000: six Node processes loading Nest at once take a while on a busy 2-core machine), STACK_STOP_TIMEOUT_MS bounds the graceful stop before SIGKILL (default 10000).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { localEnv } from './env-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRY_POINT = 'entry-point';

export const SERVICES = [
  ['session-cycle', 3001],
  ['conversation', 3002],
  ['dashboard-projector', 3003],
  ['ws-gateway', 3004],
  ['analysis-worker', 3005],
  ['notifier', 3006],
];

const COLOURS = [36, 33, 35, 32, 34, 31];

function envKey(service, suffix) {
  return `${service.toUpperCase().replace(/-/g, '_')}_${suffix}`;
}

/** The database URL of one service: database `choice_<service>` on the server of PG_URL (or DATABASE_URL). */
export function databaseUrlFor(service, env) {
  const own = env[envKey(service, 'DATABASE_URL')];
  if (own) return own;
  const url = new URL(env.PG_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/choice_${service.replace(/-/g, '_')}`;
  return url.toString();
}

/** The entry point's environment: its port and where each service listens. */
export function entryPointEnv(baseEnv) {
  const upstreams = Object.fromEntries(SERVICES.map(([name, port]) => [envKey(name, 'URL'), `http://127.0.0.1:${baseEnv[envKey(name, 'PORT')] || port}`]));
  return { ...baseEnv, ...upstreams, PORT: baseEnv.ENTRY_PORT || '3000', HOST: '127.0.0.1' };
}

/** The environment one service starts with. */
export function serviceEnv(service, defaultPort, baseEnv) {
  const port = baseEnv[envKey(service, 'PORT')] || String(defaultPort);
  return { ...baseEnv, PORT: port, DATABASE_URL: databaseUrlFor(service, baseEnv) };
}

function loadBaseEnv() {
  const env = localEnv();
  delete env.PORT; // one PORT per service, never a shared one from the shell
  return env;
}

function prefixLines(stream, label, out) {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => out.write(`${label} ${line}\n`));
}

async function isReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function say(message) {
  process.stdout.write(`[stack] ${message}\n`);
}

async function main() {
  const readyTimeoutMs = Number(process.env.STACK_READY_TIMEOUT_MS || 120_000);
  const stopTimeoutMs = Number(process.env.STACK_STOP_TIMEOUT_MS || 10_000);
  const baseEnv = loadBaseEnv();

  const entries = [...SERVICES.map(([name]) => [name, path.join(root, 'dist', 'apps', name, 'src', 'main.js')]), [ENTRY_POINT, path.join(root, 'dist', 'hosts', 'entry-point', 'main.js')]];
  const missing = entries.map(([, file]) => file).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    say(`not built: ${missing.map((file) => path.relative(root, file)).join(', ')} (run \`npm run build\` or \`npm run stack\`)`);
    process.exit(1);
  }

  const width = Math.max(...entries.map(([name]) => name.length));
  const colour = process.stdout.isTTY;
  const children = new Map();
  let stopping = false;

  const stopAll = async (exitCode, reason) => {
    if (stopping) return;
    stopping = true;
    if (reason) say(reason);
    const alive = [...children.values()].filter((child) => child.exitCode === null && child.signalCode === null);
    say(`stopping ${alive.length} service(s)`);
    const exits = alive.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of alive) child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const child of alive) {
        if (child.exitCode === null && child.signalCode === null) {
          say(`${child.serviceName} did not stop within ${stopTimeoutMs} ms: SIGKILL`);
          child.kill('SIGKILL');
        }
      }
    }, stopTimeoutMs);
    await Promise.all(exits);
    clearTimeout(killer);
    say('stopped');
    process.exit(exitCode);
  };

  process.on('SIGINT', () => void stopAll(0, 'SIGINT received'));
  process.on('SIGTERM', () => void stopAll(0, 'SIGTERM received'));

  let startupDone = false;
  for (const [index, [name, file]] of entries.entries()) {
    const env = name === ENTRY_POINT ? entryPointEnv(baseEnv) : serviceEnv(name, SERVICES[index][1], baseEnv);
    const plain = `[${name.padEnd(width)}]`;
    const label = colour ? `\x1b[${COLOURS[index % COLOURS.length]}m${plain}\x1b[0m` : plain;
    const child = spawn(process.execPath, [file], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.serviceName = name;
    child.port = Number(env.PORT);
    children.set(name, child);
    prefixLines(child.stdout, label, process.stdout);
    prefixLines(child.stderr, label, process.stderr);
    child.once('close', (code, signal) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const when = startupDone ? 'exited' : 'died during startup';
      void stopAll(1, `${name} ${when} (${how})`);
    });
  }

  const deadline = Date.now() + readyTimeoutMs;
  const pending = new Set(children.keys());
  while (pending.size > 0 && !stopping) {
    for (const name of [...pending]) {
      if (await isReady(children.get(name).port)) {
        pending.delete(name);
        say(`${name} ready`);
      }
    }
    if (pending.size === 0 || stopping) break;
    if (Date.now() > deadline) {
      await stopAll(1, `not ready within ${readyTimeoutMs} ms: ${[...pending].join(', ')}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (stopping) return;
  startupDone = true;

  say('all services ready:');
  for (const [name, child] of children) {
    if (name === ENTRY_POINT) continue;
    say(`  ${name.padEnd(width)}  http://127.0.0.1:${child.port}${name === 'ws-gateway' ? '  (Socket.IO namespace /live)' : ''}`);
  }
  say(`  ${ENTRY_POINT.padEnd(width)}  http://localhost:${children.get(ENTRY_POINT).port}  (one origin: the APIs, /socket.io and the web app)`);
  say('Ctrl-C stops them all');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`[stack] ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
