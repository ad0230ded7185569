/**
 * How one SMTP delivery ended, in what decides what happens next. `reason` is built from codes only (SMTP reply
 * code, enhanced status, command, socket error code): server replies often quote the recipient address.
 */
export type DeliveryOutcome =
  | { kind: 'accepted' }
  /** The server cannot take any mail now (down, 421, timeout, authentication): retry later, keep the order. */
  | { kind: 'unavailable'; reason: string }
  /** A 4xx for this message (greylisting, mailbox full): retry this message later. */
  | { kind: 'deferred'; reason: string }
  /** A 5xx for this message: permanent. */
  | { kind: 'rejected'; reason: string };

/** The fields of a mail client's error that may be kept: none holds the server's text. */
export interface SmtpErrorFacts {
  /** Client error code, e.g. ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE. */
  code?: string;
  /** Three-digit SMTP reply code, when the server answered. */
  responseCode?: number;
  /** `1.2.3`-style enhanced status code from the reply, when present. */
  enhancedStatus?: string;
  /** The command that failed: CONN, EHLO, AUTH, MAIL FROM, RCPT TO, DATA... */
  command?: string;
}

const SERVER_LEVEL_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'EGREETING', 'ECONNRESET', 'ECONNREFUSED']);

export function classifySmtpError(facts: SmtpErrorFacts): Exclude<DeliveryOutcome, { kind: 'accepted' }> {
  const reason = [facts.responseCode, facts.enhancedStatus, facts.command, facts.code].filter((part) => part !== undefined && part !== '').join(' ') || 'unknown';
  const reply = facts.responseCode;
  // 421 means the server is closing the channel; authentication failures are configuration, not the message.
  if (reply === 421 || facts.code === 'EAUTH' || facts.command === 'AUTH') return { kind: 'unavailable', reason };
  if (reply !== undefined && reply >= 500 && reply < 600) return { kind: 'rejected', reason };
  if (reply !== undefined && reply >= 400 && reply < 500) return { kind: 'deferred', reason };
  if (facts.code !== undefined && SERVER_LEVEL_CODES.has(facts.code)) return { kind: 'unavailable', reason };
  return { kind: 'deferred', reason };
}
