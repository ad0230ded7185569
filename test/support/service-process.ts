import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { waitFor } from '@choice-sherpa/platform/testing';
import { repoRoot } from './repo-root';
import { runLogDir } from './run-logs';
import type { Service } from './services';

const LOG_LINES_KEPT = 400;
const liveChildren = new Set<ChildProcess>();

// A test runner that dies must not leave services behind: kill whatever is still running when this process exits,
// also when it is ended by a signal (then, unless someone else handles it, the signal is raised again so the runner ends as told).
function killChildren(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
}
process.once('exit', killChildren);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killChildren();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** The compiled tree the services run from: `dist/` (what `npm run build` writes) unless E2E_DIST_DIR names another. */
export function distDir(): string {
  return process.env.E2E_DIST_DIR ?? path.join(repoRoot(), 'dist');
}

/**
 * One compiled service (`node dist/apps/<service>/src/main.js`, the entry point its container runs) as a child
 * process: start, wait for /health/ready, stop gracefully, SIGKILL, restart. Output is kept (last lines) for
 * failure messages, echoed when E2E_LOGS=1, and written whole to the test run's log directory (`runLogDir()`), where
 * the run's log check reads it.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly lines: string[] = [];
  /** Every exit so far, e.g. `code 1` or `signal SIGKILL`. */
  readonly exits: string[] = [];

  constructor(
    /** A service, or the entry point (`dist/hosts/entry-point/main.js`) in front of them. */
    readonly service: Service | 'entry-point',
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Another process of the same service (same database, streams and secrets) on `port`: a replica. */
  replica(port: number): ServiceProcess {
    return new ServiceProcess(this.service, port, this.env);
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child) throw new Error(`${this.service} is already running`);
    const entry = this.service === 'entry-point' ? path.join(distDir(), 'hosts', 'entry-point', 'main.js') : path.join(distDir(), 'apps', this.service, 'src', 'main.js');
    // E2E_NODE_ARGS: extra node flags for every service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile.
    const nodeArgs = (process.env.E2E_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
    const child = spawn(process.execPath, [...nodeArgs, entry], {
      cwd: repoRoot(),
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    liveChildren.add(child);
    const file = createWriteStream(path.join(runLogDir(), `${this.service}-${this.port}.log`), { flags: 'a' });
    this.capture(child.stdout!, file);
    this.capture(child.stderr!, file);
    // After both output streams closed (exit can come before their last lines).
    child.once('close', () => file.end());
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        liveChildren.delete(child);
        this.exits.push(signal ? `signal ${signal}` : `code ${code}`);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
  }

  /** Waits for /health/ready (or `probe`); fails at once, with the service's output, if the process exits meanwhile. */
  async waitReady(timeoutMs = 120_000, probe = '/health/ready'): Promise<void> {
    const outcome = await waitFor(
      async () => {
        if (!this.child) return 'exited';
        const response = await fetch(`${this.url}${probe}`, { signal: AbortSignal.timeout(2_000) });
        return response.ok ? 'ready' : undefined;
      },
      { timeoutMs, intervalMs: 100, what: `${this.service} ${probe} on ${this.port}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.service} output ---\n${this.logTail(40)}`);
    });
    if (outcome === 'exited') throw new Error(`${this.service} exited (${this.exits.at(-1)}) before it was ready:\n${this.logTail(40)}`);
  }

  /** Graceful stop (SIGTERM), SIGKILL if it has not exited within the bound. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** An abrupt crash: SIGKILL, nothing flushed, no shutdown hooks. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
    await this.waitReady();
  }

  logTail(lines = 60): string {
    return this.lines.slice(-lines).join('\n');
  }

  private capture(stream: NodeJS.ReadableStream, file: WriteStream): void {
    const echo = process.env.E2E_LOGS === '1';
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (!file.writableEnded) file.write(`${line}\n`);
      this.lines.push(line);
      if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
      if (echo) process.stderr.write(`[${this.service}] ${line}\n`);
    });
  }
}
