import { writeSync } from 'node:fs';
import pino from 'pino';

/** How long an info line may wait in the buffer; past this many bytes the buffer is written at once. */
export const LOG_FLUSH_AFTER_MS = 100;
export const LOG_FLUSH_BYTES = 16 * 1024;

type Sink = Pick<pino.DestinationStream, 'write'> & { flushSync(): void };

/**
 * Log lines on their way to stdout, so that a request does not pay a write(2) per line: lines are collected and handed
 * to an asynchronous writer (sonic-boom, `sync: false`) LOG_FLUSH_AFTER_MS after the first of them, or once
 * LOG_FLUSH_BYTES are waiting; an error or fatal line (pino tells the level through its metadata hook) goes out at
 * once with whatever waits before it. On process exit (process.exit after SIGTERM, a fatal start, an uncaught
 * exception) everything still waiting is written synchronously; only a SIGKILL can lose the last LOG_FLUSH_AFTER_MS.
 */
export class BufferedLogDestination {
  readonly [pino.symbols.needsMetadataGsym] = true as const;
  /** Set by pino before each write(). */
  lastLevel = 0;
  private lines: string[] = [];
  private bytes = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly sink: Sink, private readonly fd: number) {}

  write(line: string): boolean {
    this.lines.push(line);
    this.bytes += line.length;
    if (this.lastLevel >= ERROR_LEVEL || this.bytes >= LOG_FLUSH_BYTES) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), LOG_FLUSH_AFTER_MS);
      this.timer.unref();
    }
    return true;
  }

  /** Hands what waits to the asynchronous writer (pino's logger.flush() calls this). */
  flush(done?: (error?: Error) => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length > 0) {
      const chunk = this.lines.length === 1 ? this.lines[0] : this.lines.join('');
      this.lines = [];
      this.bytes = 0;
      try {
        this.sink.write(chunk);
      } catch {
        // The writer has ended (pino ends it on 'beforeExit'): the line is still written, synchronously.
        writeSync(this.fd, chunk);
      }
    }
    done?.();
  }

  /** Everything, written before this returns. */
  flushSync(): void {
    this.flush();
    try {
      this.sink.flushSync();
    } catch {
      // Nothing left to write to (stdout closed): nothing can be done at exit.
    }
  }
}

const ERROR_LEVEL = 50;

let stdout: BufferedLogDestination | undefined;

/** The process's one buffered stdout (every logger of the process shares it, so lines never interleave). */
export function bufferedStdout(): BufferedLogDestination {
  if (!stdout) {
    const fd = process.stdout.fd ?? 1;
    const destination = new BufferedLogDestination(pino.destination({ dest: fd, sync: false }), fd);
    process.once('exit', () => destination.flushSync());
    stdout = destination;
  }
  return stdout;
}
