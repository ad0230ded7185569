import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { waitFor } from '@choice-sherpa/platform/testing';
import { distDir } from '../support/service-process';
import { repoRoot } from '../support/repo-root';

/** `npm start` as a user runs it (after the build): `node dist/hosts/all-in-one/main.js`, as a child process. */
export class AllInOneProcess {
  private child?: ChildProcess;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly lines: string[] = [];

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts it and waits for its `ready on <url>` line; fails with its output if it exits first. */
  async start(timeoutMs = 180_000): Promise<void> {
    const from = this.lines.length;
    const child = spawn(process.execPath, [path.join(distDir(), 'hosts', 'all-in-one', 'main.js')], {
      cwd: repoRoot(),
      // A newcomer's shell: no PG_URL, DATABASE_URL or REDIS_URL.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(this.port), DATA_DIR: this.dataDir, ...this.extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    let gone = false;
    void this.exited.then(() => (gone = true));
    await waitFor(() => gone || this.lines.slice(from).some((line) => line.includes(`ready on ${this.url}`)), { timeoutMs, intervalMs: 100, what: 'npm start ready' }).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${this.tail()}`);
      },
    );
    if (gone) throw new Error(`npm start exited before it was ready:\n${this.tail()}`);
  }

  /** Ctrl-C: resolves with how it exited. */
  async interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child?.kill('SIGINT');
    return this.exited!;
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** The embedded PostgreSQL's pid (its postmaster.pid), while it runs. */
  postgresPid(): number | undefined {
    const file = path.join(this.dataDir, 'pgdata', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  }

  tail(lines = 40): string {
    return this.lines.slice(-lines).join('\n');
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Remote ports of the process's established TCP connections (Linux /proc), to see what it talks to. */
export function remotePortsOf(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of safeList(`/proc/${pid}/fd`)) {
    const target = safeLink(`/proc/${pid}/fd/${fd}`);
    const match = target && /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '01' || !inodes.has(cols[9])) continue; // 01 = ESTABLISHED
      ports.push(Number.parseInt(cols[2].split(':')[1], 16));
    }
  }
  return ports;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeLink(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}
