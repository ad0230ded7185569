import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { freePort } from '../runtime/free-port';
import { waitFor } from '../runtime/wait-for';

/** Tests import freePort from here (and from testing/); it lives in runtime/, npm start uses it too. */
export { freePort };

/**
 * A private redis-server on its own loopback port, for restart and persistence tests.
 * The shared Redis on 6379 is never stopped or restarted by a test.
 */
export class DisposableRedisServer {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<DisposableRedisServer> {
    const server = new DisposableRedisServer(port ?? (await freePort()));
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.process) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = undefined;
    });
    await waitFor(() => canConnect(this.port), { timeoutMs: 10_000, what: `redis-server on ${this.port}` });
  }

  /** Stops the server by its pid (SIGKILL by default: an abrupt crash, nothing flushed). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.process = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
