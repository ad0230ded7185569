import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { freePort } from '@choice-sherpa/platform/testing/redis-server';
import { writeResults } from './support/report';

// npm start after the build: time from spawning `node dist/hosts/all-in-one/main.js` to its `ready on` line, cold (a new
// data directory: initdb) and warm (the same directory again), and memory: the Node process's RSS when ready and after
// a short workload through the one origin (session renames), and the embedded PostgreSQL's processes beside it.
// BENCH_NPM_START_WARM_RUNS (default 3) warm starts; BENCH_NPM_START_COMMANDS (default 100) commands in the workload.

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'hosts', 'all-in-one', 'main.js');
const READY_BOUND_MS = 5_000;
const RSS_BOUND_MB = 400;

/** Every host this run started, stopped in the end whatever happened (no orphaned process or PostgreSQL). */
const started = new Set<ChildProcess>();

interface Start {
  child: ChildProcess;
  port: number;
  readyMs: number;
}

async function start(dataDir: string): Promise<Start> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  const readyMs = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => line.includes('ready on') && resolve(performance.now() - began));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready`)));
  });
  return { child, port, readyMs };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

/** The embedded server's processes (postmaster and its children), found through its postmaster.pid. */
function postgresRssMb(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return [postmaster, ...children].reduce((sum, pid) => sum + (existsSync(`/proc/${pid}`) ? rssMb(pid) : 0), 0);
}

async function workload(port: number, commands: number): Promise<void> {
  const origin = `http://127.0.0.1:${port}`;
  const post = (p: string, body: unknown, token?: string) =>
    fetch(`${origin}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const { token } = (await (await post('/api/dev/token', { user_id: `bench-${Date.now()}` })).json()) as { token: string };
  const created = await post('/api/sessions', { title: 'Bench decision' }, token);
  if (created.status !== 201) throw new Error(`POST /api/sessions answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  // Each command a session rename (as the e2e-latency bench): one transaction, events to all five consumers.
  for (let i = 0; i < commands; i++) {
    const response = await fetch(`${origin}/api/sessions/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: `Bench decision ${i}` }),
    });
    if (response.status !== 200) throw new Error(`PATCH /api/sessions/:id answered ${response.status}`);
  }
  await fetch(`${origin}/api/dashboard/overview`, { headers: { authorization: `Bearer ${token}` } });
}

export async function run(): Promise<void> {
  if (!existsSync(ENTRY)) throw new Error('dist/hosts/all-in-one/main.js is missing: run `npm run build` first');
  const warmRuns = Number(process.env.BENCH_NPM_START_WARM_RUNS ?? 3);
  const commands = Number(process.env.BENCH_NPM_START_COMMANDS ?? 100);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cs-bench-start-'));
  const loadBefore = os.loadavg()[0];
  try {
    const cold = await start(dataDir);
    const coldRss = rssMb(cold.child.pid!);
    await stop(cold.child);
    const warm: number[] = [];
    let readyRss = 0;
    let afterRss = 0;
    let postgresRss = 0;
    for (let i = 0; i < warmRuns; i++) {
      const run = await start(dataDir);
      warm.push(run.readyMs);
      if (i === warmRuns - 1) {
        readyRss = rssMb(run.child.pid!);
        await workload(run.port, commands);
        afterRss = rssMb(run.child.pid!);
        postgresRss = postgresRssMb(dataDir);
      }
      await stop(run.child);
    }
    warm.sort((a, b) => a - b);
    writeResults('npm-start', {
      cold_ready_ms: Math.round(cold.readyMs),
      warm_ready_ms_median: Math.round(warm[Math.floor(warm.length / 2)]),
      warm_ready_ms_max: Math.round(warm[warm.length - 1]),
      warm_ready_bound_ms: READY_BOUND_MS,
      rss_mb_when_ready_cold: coldRss,
      rss_mb_when_ready_warm: readyRss,
      [`rss_mb_after_${commands}_commands`]: afterRss,
      rss_bound_mb: RSS_BOUND_MB,
      embedded_postgres_rss_mb: postgresRss,
      warm_runs: warmRuns,
      load_average_at_start: Number(loadBefore.toFixed(2)),
      load_average_at_end: Number(os.loadavg()[0].toFixed(2)),
    });
  } finally {
    await Promise.all([...started].map((child) => stop(child)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
