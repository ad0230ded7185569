import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { createTestDatabase, freePort, TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import { EventStreams } from '../support/event-streams';
import { repoRoot } from '../support/repo-root';
import { SERVICES } from '../support/services';

// `npm run stack` (scripts/stack.mjs) as a developer runs it: six processes, ready, URLs printed, stopped on SIGTERM.

interface StackRun {
  child: ChildProcess;
  lines: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runStack(env: Record<string, string>): StackRun {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'scripts', 'stack.mjs')], {
    cwd: repoRoot(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => lines.push(line));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, exit };
}

function envKey(service: string, suffix: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_${suffix}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function servicePids(parent: number): number[] {
  // The stack's children: `node dist/apps/<service>/src/main.js` processes whose parent is the stack.
  const out = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-e'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, ...args]) => Number(ppid) === parent && args.join(' ').includes('/dist/apps/'))
    .map(([pid]) => Number(pid));
}

describe('npm run stack (scripts/stack.mjs)', () => {
  it('starts the six services and the entry point, prints their URLs once all are ready, and stops them all on SIGTERM', async () => {
    const databases = await Promise.all(SERVICES.map((service) => createTestDatabase(`stack_${service.replace(/-/g, '_')}`)));
    const streams = new EventStreams(TEST_REDIS_URL, uniqueName('stack'), 2);
    const env: Record<string, string> = {
      REDIS_URL: TEST_REDIS_URL,
      STREAM_PREFIX: streams.prefix,
      STREAM_PARTITIONS: '2',
      JWT_SECRET: 'stack-script-test-secret-0123456789abcdef',
      ALLOWED_ORIGINS: 'http://localhost:5173',
      STACK_READY_TIMEOUT_MS: '200000',
      ENTRY_PORT: String(await freePort()),
    };
    for (const [index, service] of SERVICES.entries()) {
      env[envKey(service, 'PORT')] = String(await freePort());
      env[envKey(service, 'DATABASE_URL')] = databases[index].url;
    }
    const run = runStack(env);
    try {
      await waitFor(() => run.lines.some((line) => line.includes('all services ready')), { timeoutMs: 210_000, intervalMs: 200, what: 'the stack ready' }).catch((error: Error) => {
        throw new Error(`${error.message}\n${run.lines.slice(-30).join('\n')}`);
      });
      for (const service of SERVICES) {
        const url = `http://127.0.0.1:${env[envKey(service, 'PORT')]}`;
        expect(run.lines.some((line) => line.includes(service) && line.includes(url)), `${service}'s URL printed`).toBe(true);
        expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      }
      // The one origin in front of them, with the routes of API.md.
      const entry = `http://localhost:${env.ENTRY_PORT}`;
      expect(run.lines.some((line) => line.includes('entry-point') && line.includes(entry)), 'the entry point URL printed').toBe(true);
      expect((await fetch(`${entry}/api/dashboard/overview`)).status).toBe(401);
      expect(await (await fetch(`${entry}/api/unknown`)).json()).toEqual({ error: { code: 'NOT_FOUND', message: 'route not found', details: [] } });
      expect((await fetch(`${entry}/health/ready`)).status).toBe(200);
      const pids = servicePids(run.child.pid!);
      expect(pids).toHaveLength(SERVICES.length);

      run.child.kill('SIGTERM');
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      run.child.kill('SIGKILL');
      await Promise.all(databases.map((database) => database.drop().catch(() => undefined)));
      await streams.deleteAll().catch(() => undefined);
      await streams.close();
    }
  }, 300_000);

  it('stops everything and exits non-zero naming the service when one dies during startup', async () => {
    const env: Record<string, string> = {
      REDIS_URL: TEST_REDIS_URL,
      PG_URL: TEST_ADMIN_DATABASE_URL,
      JWT_SECRET: 'too-short', // every service refuses it at start (config validation)
      STACK_READY_TIMEOUT_MS: '200000',
      ENTRY_PORT: String(await freePort()),
    };
    for (const service of SERVICES) env[envKey(service, 'PORT')] = String(await freePort());
    const run = runStack(env);
    const exit = await run.exit;
    expect(exit.code).toBe(1);
    const died = run.lines.find((line) => line.startsWith('[stack]') && line.includes('died during startup'));
    expect(died, run.lines.slice(-20).join('\n')).toMatch(new RegExp(`\\[stack\\] (${SERVICES.join('|')}) died during startup`));
    expect(run.lines.some((line) => line.includes('[stack] stopped'))).toBe(true);
  }, 120_000);
});
