import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { freePort } from './redis-server';
import { waitFor } from './wait-for';

/** A message as the server received it: the SMTP envelope, the raw source and its parsed form. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** A header's unfolded value as sent (`parsed.headerLines`), case-insensitive name. */
  header(name: string): string | undefined;
}

export interface SmtpTestServerOptions {
  /** Answer a RCPT TO: undefined accepts, else the reply code (e.g. 550, 450) and text. */
  onRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** Runs once a whole message has arrived, just before the server accepts it (250). */
  beforeAccept?: (mail: ReceivedMail) => void | Promise<void>;
  /** Runs right after the server has written its 250 for the message. */
  afterAccept?: (mail: ReceivedMail) => void;
}

/**
 * A real SMTP server (the `smtp-server` package) on a loopback port of its own, recording what it accepts. It can be
 * stopped (connections dropped, the port refused) and started again on the same port, to play a mail server outage.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  /** Every RCPT TO address tried, accepted or not. */
  readonly recipientsTried: string[] = [];
  private server?: SMTPServer;

  private constructor(readonly port: number, private readonly options: SmtpTestServerOptions) {}

  static async start(options: SmtpTestServerOptions = {}, port?: number): Promise<SmtpTestServer> {
    const server = new SmtpTestServer(port ?? (await freePort()), options);
    await server.start();
    return server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 50,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        this.recipientsTried.push(address.address);
        const refusal = this.options.onRecipient?.(address.address);
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          void this.record(Buffer.concat(chunks), session.envelope).then(
            (mail) => {
              callback();
              this.options.afterAccept?.(mail);
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on('error', () => undefined); // a client dropping mid-session is part of the tests
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Closes the port and drops every open connection (an outage). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const connection of server.connections) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  waitForMessages(count: number, timeoutMs = 30_000): Promise<ReceivedMail[]> {
    return waitFor(() => (this.received.length >= count ? this.received.slice() : undefined), { timeoutMs, intervalMs: 25, what: `${count} email(s) at the SMTP server (got ${this.received.length})` });
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address));
  }

  private async record(raw: Buffer, envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] }): Promise<ReceivedMail> {
    const parsed = await simpleParser(raw);
    const mail: ReceivedMail = {
      envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
      envelopeTo: envelope.rcptTo.map((address) => address.address),
      raw: raw.toString('utf8'),
      parsed,
      header: (name) => {
        const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line;
        return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
      },
    };
    await this.options.beforeAccept?.(mail);
    this.received.push(mail);
    return mail;
  }
}
