import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '../testing/wait-for';
import { BufferedLogDestination, LOG_FLUSH_BYTES } from './buffered-stdout';
import { createLogger } from './logger';

function sink() {
  const writes: string[] = [];
  return { writes, write: (chunk: string) => void writes.push(chunk), flushSync: () => undefined };
}

/** A node process running `code` with this folder's TypeScript loadable; its stdout, and how it ended. */
function runNode(code: string): { stdout: () => string; exited: Promise<number | null>; kill: () => void } {
  let out = '';
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', code], { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  return { stdout: () => out, exited, kill: () => child.kill('SIGKILL') };
}

/** In the child: a pino logger on the process's buffered stdout, as createLogger builds it without a destination. */
const CHILD_LOGGER = `const pino = require('pino'); const { bufferedStdout } = require(${JSON.stringify(path.join(__dirname, 'buffered-stdout'))});
  const createLogger = (service) => pino({ base: { service } }, bufferedStdout());`;

describe('buffered log destination', () => {
  it('writes info lines together, later, in one write, and an error line at once with the lines before it', async () => {
    const out = sink();
    const logger = createLogger('buffer-test', 'info', new BufferedLogDestination(out, 1));
    logger.info('first');
    logger.info('second');
    expect(out.writes).toEqual([]);
    await waitFor(() => out.writes.length === 1, { timeoutMs: 2_000, what: 'the buffered lines' });
    expect(out.writes[0].split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['first', 'second']);
    logger.info('before the error');
    logger.error('boom');
    expect(out.writes).toHaveLength(2);
    expect(out.writes[1]).toMatch(/before the error[^\n]*\n[^\n]*boom/);
  });

  it('writes at once once the buffer holds LOG_FLUSH_BYTES', () => {
    const out = sink();
    const logger = createLogger('buffer-test', 'info', new BufferedLogDestination(out, 1));
    const line = 'x'.repeat(1_000);
    for (let i = 0; i * 1_000 < LOG_FLUSH_BYTES && out.writes.length === 0; i++) logger.info(line);
    expect(out.writes).toHaveLength(1);
  });

  it('loses no line when the process exits right after logging (every line whole, in order)', async () => {
    const child = runNode(`${CHILD_LOGGER}
      const logger = createLogger('exit-test');
      for (let i = 0; i < 3000; i++) logger.info({ i }, 'line');
      process.exit(0);`);
    expect(await child.exited).toBe(0);
    const lines = child.stdout().trim().split('\n').map((line) => JSON.parse(line) as { i: number });
    expect(lines.map((line) => line.i)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  }, 30_000);

  it('writes a running process lines within a bound, without exiting', async () => {
    const child = runNode(`${CHILD_LOGGER}
      createLogger('live-test').info('still running');
      setInterval(() => undefined, 1_000);`);
    try {
      await waitFor(() => child.stdout().includes('still running'), { timeoutMs: 20_000, intervalMs: 50, what: 'the line of a running process' });
    } finally {
      child.kill();
    }
  }, 30_000);
});
