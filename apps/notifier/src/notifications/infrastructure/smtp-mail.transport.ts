import { createTransport } from 'nodemailer';
import type { DeliveryOutcome, SmtpErrorFacts } from '../domain/delivery-outcome';
import { classifySmtpError } from '../domain/delivery-outcome';
import type { MailTransport, OutgoingEmail } from '../application/ports';

type Mailer = ReturnType<typeof createTransport>;

/** nodemailer over SMTP_URL: one pooled connection (the sender delivers one message at a time, in order). */
export class SmtpMailTransport implements MailTransport {
  private readonly mailer: Mailer;

  constructor(url: string, timeoutMs: number) {
    this.mailer = createTransport({
      url,
      pool: true,
      maxConnections: 1,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      // nodemailer's own logger would print envelopes (addresses); ours logs ids only.
      logger: false,
      debug: false,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(email: OutgoingEmail): Promise<DeliveryOutcome> {
    try {
      await this.mailer.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.headers,
      });
      return { kind: 'accepted' };
    } catch (error) {
      return classifySmtpError(errorFacts(error));
    }
  }

  async close(): Promise<void> {
    this.mailer.close();
  }
}

/** Codes only: the server's reply text and the error message may quote the recipient address. */
function errorFacts(error: unknown): SmtpErrorFacts {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; response?: unknown };
  const enhanced = typeof e.response === 'string' ? /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response)?.[1] : undefined;
  return {
    code: typeof e.code === 'string' ? e.code.replace(/[^A-Z0-9_]/gi, '').slice(0, 40) : undefined,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    enhancedStatus: enhanced,
    command: typeof e.command === 'string' ? e.command.replace(/[^A-Z ]/gi, '').slice(0, 20) : undefined,
  };
}
