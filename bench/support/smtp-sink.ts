import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server that keeps only what the benchmark needs: each accepted message's Message-ID and the time it
 * arrived (no MIME parsing, so the sink costs as little CPU as an SMTP server can).
 */
export class SmtpSink {
  /** Message-ID -> performance.now() when the server accepted it. */
  readonly arrivals = new Map<string, number>();
  /** Every message accepted, a resend included. */
  accepted = 0;
  private server?: SMTPServer;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 50,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 8_192) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          this.accepted++;
          const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
          if (id && !this.arrivals.has(id)) this.arrivals.set(id, performance.now());
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const connection of server.connections) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
