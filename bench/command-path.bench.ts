import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { SESSION_CYCLE_MIGRATIONS } from '../apps/session-cycle/src/migrations';
import { ApiClient } from '../test/support/api-client';
import { createSession } from '../test/support/journey';
import { TestStack } from '../test/support/test-stack';
import { cpuSeconds } from './support/e2e-workload';
import { percentile, writeResults } from './support/report';

// The command path against its floor, side by side in one run: a session rename through session-cycle (Nest,
// validation, TypeORM, the outbox transaction; its relay publishing) and the same work done by hand by a bare Node
// server (bench/support/bare-rename-server.ts) on a database with the same tables. The phases alternate at one
// offered rate, so both see the same machine. The aim (issue 17): session-cycle's p50 within 2.5x of the bare one.
// Beside it, each side's CPU per rename (/proc/<pid>/stat user + system time over its own measured rounds).
const RATE = Number(process.env.COMMAND_BENCH_RATE ?? 20);
const SECONDS = Number(process.env.COMMAND_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.COMMAND_BENCH_ROUNDS ?? 3);
const USERS = 20;
const AIM_RATIO = 2.5;

interface Target {
  name: string;
  sessions: { api: ApiClient; sessionId: string }[];
  ms: number[];
  failed: number;
  /** The serving process, and the CPU seconds it spent in measured rounds. */
  pid?: number;
  cpuS: number;
}

export async function run(): Promise<void> {
  const stack = await TestStack.start({ services: ['session-cycle'], entryPoint: false });
  const bareDb = await createTestDatabase('bench_bare');
  let bare: { url: string; pid?: number; stop: () => void } | undefined;
  try {
    bare = await startBareServer(stack, bareDb);
    const service: Target = { name: 'session_cycle', sessions: [], ms: [], failed: 0, pid: stack.service('session-cycle').pid, cpuS: 0 };
    const floor: Target = { name: 'bare_node', sessions: [], ms: [], failed: 0, pid: bare.pid, cpuS: 0 };
    for (let i = 0; i < USERS; i++) {
      const userId = `bench-command-${i}-${Date.now()}`;
      const api = await stack.client('session-cycle', userId);
      const sessionId = await createSession(api, `command bench ${i}`);
      service.sessions.push({ api, sessionId });
      // The bare server's copy of the same session: same row, same user, same token.
      const bareApi = new ApiClient(bare.url, await stack.token(userId));
      await copySession(bareDb, sessionId, userId);
      floor.sessions.push({ api: bareApi, sessionId });
    }
    process.stdout.write(`command-path: ${RATE} renames/s, ${ROUNDS} alternating rounds of ${SECONDS} s per target\n`);
    for (const target of [service, floor]) await offer(target, RATE, 2, false); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of [service, floor]) await offer(target, RATE, SECONDS, true);
    }
    const figures: Record<string, number> = { offered_per_s: RATE, seconds_per_round: SECONDS, rounds: ROUNDS, aim_ratio_p50: AIM_RATIO };
    for (const target of [service, floor]) {
      const sorted = [...target.ms].sort((a, b) => a - b);
      figures[`${target.name}_renames`] = sorted.length;
      figures[`${target.name}_failed`] = target.failed;
      figures[`${target.name}_p50_ms`] = round(percentile(sorted, 50));
      figures[`${target.name}_p99_ms`] = round(percentile(sorted, 99));
      figures[`${target.name}_cpu_ms_per_rename`] = round((target.cpuS * 1000) / Math.max(1, sorted.length));
    }
    figures.ratio_p50 = round(figures.session_cycle_p50_ms / figures.bare_node_p50_ms);
    figures.ratio_cpu_per_rename = round(figures.session_cycle_cpu_ms_per_rename / figures.bare_node_cpu_ms_per_rename);
    figures.loadavg_1m = round(os.loadavg()[0]);
    writeResults('command-path', figures);
  } finally {
    bare?.stop();
    await stack.stop();
    await bareDb.drop().catch(() => undefined);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Open loop: one rename every 1/rate s, round-robin over the target's sessions; a slow answer never delays the next. */
async function offer(target: Target, rate: number, seconds: number, record: boolean): Promise<void> {
  const start = performance.now();
  const cpuBefore = cpuSeconds(target.pid);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { api, sessionId } = target.sessions[i % target.sessions.length];
    inFlight.push(
      (async () => {
        const sent = performance.now();
        const response = await api.patch(`/api/sessions/${sessionId}`, { title: `renamed ${i}` }).catch(() => undefined);
        if (!record) return;
        if (response?.status === 200) target.ms.push(performance.now() - sent);
        else target.failed++;
      })(),
    );
  }
  await Promise.all(inFlight);
  if (record) target.cpuS += cpuSeconds(target.pid) - cpuBefore;
}

/** Creates session-cycle's tables in `db` and starts the bare server on it, with the stack's JWT settings. */
async function startBareServer(stack: TestStack, db: TestDatabase): Promise<{ url: string; pid?: number; stop: () => void }> {
  const source = new DataSource({ type: 'postgres', url: db.url, migrations: SESSION_CYCLE_MIGRATIONS });
  await source.initialize();
  await source.runMigrations();
  await source.destroy();
  const child = spawn(process.execPath, [path.join(__dirname, 'support', 'bare-rename-server.js')], {
    env: { PATH: process.env.PATH, DATABASE_URL: db.url, JWT_SECRET: stack.tokens.secret, JWT_ISSUER: stack.tokens.issuer, JWT_AUDIENCE: stack.tokens.audience, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** The session as the bare server's database holds it: same id, same owner. */
async function copySession(db: TestDatabase, sessionId: string, userId: string): Promise<void> {
  const source = new DataSource({ type: 'postgres', url: db.url });
  await source.initialize();
  try {
    await source.query(`INSERT INTO sessions (id, user_id, title, status, version, created_at, updated_at) VALUES ($1, $2, 'command bench', 'active', 1, now(), now())`, [sessionId, userId]);
  } finally {
    await source.destroy();
  }
}
