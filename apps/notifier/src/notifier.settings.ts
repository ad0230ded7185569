import { hkdfSync } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { ConfigError, EnvReader, MIN_SECRET_LENGTH, SettingSpec } from '@choice-sherpa/platform';
import type { Env } from '@choice-sherpa/platform';

/** The notifier's own settings, read once at start (the shared ones come from the platform config). */
export interface NotifierSettings {
  /** undefined: no mail server configured; notifications are kept pending (development without SMTP). */
  smtpUrl?: string;
  /** The From header, e.g. `Choice Sherpa <notifications@example.com>`. */
  mailFrom: string;
  /** The domain of the From address: the right-hand side of every Message-ID. */
  messageIdDomain: string;
  /** Where links in emails point (the web app and the entry point), without a trailing slash. */
  publicUrl: string;
  /** HMAC key of the unsubscribe tokens. */
  unsubscribeKey: Uint8Array;
  unsubscribeTokenTtlMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A message the server keeps deferring (4xx) is given up as failed after this long. */
  giveUpAfterMs: number;
  /** How long a summary waits for its recipient's address (membership events) before it is skipped. */
  recipientWaitMs: number;
  /** Bound on one SMTP conversation (connect, greeting, each command). */
  sendTimeoutMs: number;
  /** Sent and skipped notifications finished longer ago are deleted (failed ones stay for the operators). */
  notificationRetentionMs: number;
  /** How often old notifications are deleted. */
  notificationSweepIntervalMs: number;
}

export const NOTIFIER_SETTINGS_TOKEN = Symbol('NotifierSettings');

export const NOTIFIER_SETTINGS: readonly SettingSpec[] = [
  { name: 'SMTP_URL', required: false, default: '(none: notifications stay pending)', secret: true, description: 'mail server, smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465' },
  { name: 'MAIL_FROM', required: false, default: 'Choice Sherpa <notifications@localhost>', secret: false, description: 'From header of every email' },
  { name: 'PUBLIC_URL', required: false, default: 'http://localhost:3000', secret: false, description: 'public origin of the web app and API, for links in emails' },
  { name: 'UNSUBSCRIBE_SECRET', required: true, alternative: 'JWT_SECRET', secret: true, description: 'signs one-click unsubscribe tokens, at least 32 characters (default: derived from JWT_SECRET)' },
  { name: 'UNSUBSCRIBE_TOKEN_TTL_DAYS', required: false, default: '60', secret: false, description: 'how long an unsubscribe link works' },
  { name: 'MAIL_RETRY_BASE_MS', required: false, default: '1000', secret: false, description: 'first retry delay while SMTP is down or answers 4xx (doubles each time)' },
  { name: 'MAIL_RETRY_MAX_MS', required: false, default: '300000', secret: false, description: 'longest retry delay' },
  { name: 'MAIL_GIVE_UP_HOURS', required: false, default: '72', secret: false, description: 'a message deferred (4xx) this long is recorded as failed' },
  { name: 'MAIL_RECIPIENT_WAIT_MS', required: false, default: '900000', secret: false, description: 'how long a summary waits for its recipient address before it is skipped' },
  { name: 'MAIL_SEND_TIMEOUT_MS', required: false, default: '30000', secret: false, description: 'bound on connecting and on each SMTP command' },
  { name: 'NOTIFICATION_RETENTION_DAYS', required: false, default: '30', secret: false, description: 'how long sent and skipped notifications are kept (failed ones stay); older rows are deleted' },
  { name: 'NOTIFICATION_SWEEP_INTERVAL_MS', required: false, default: '3600000', secret: false, description: 'how often old sent and skipped notifications are deleted (bounded batches)' },
];

/** `jwtSecret` is the platform's JWT_SECRET (if any): the unsubscribe key is derived from it when no own secret is set. */
export function loadNotifierSettings(env: Env, platform: { jwtSecret?: string }): NotifierSettings {
  const read = new EnvReader(env);
  const mailFrom = read.optional('MAIL_FROM') ?? 'Choice Sherpa <notifications@localhost>';
  const retryBaseMs = read.integer('MAIL_RETRY_BASE_MS', 1_000, { min: 1, max: 3_600_000 });
  return {
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    messageIdDomain: fromDomain(mailFrom),
    publicUrl: publicUrl(read),
    unsubscribeKey: unsubscribeKey(read, platform.jwtSecret),
    unsubscribeTokenTtlMs: read.integer('UNSUBSCRIBE_TOKEN_TTL_DAYS', 60, { min: 1, max: 3_650 }) * 86_400_000,
    retryBaseMs,
    retryMaxMs: read.integer('MAIL_RETRY_MAX_MS', Math.max(300_000, retryBaseMs), { min: retryBaseMs, max: 86_400_000 }),
    giveUpAfterMs: read.integer('MAIL_GIVE_UP_HOURS', 72, { min: 1, max: 720 }) * 3_600_000,
    recipientWaitMs: read.integer('MAIL_RECIPIENT_WAIT_MS', 900_000, { min: 0, max: 7 * 86_400_000 }),
    sendTimeoutMs: read.integer('MAIL_SEND_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 }),
    notificationRetentionMs: read.integer('NOTIFICATION_RETENTION_DAYS', 30, { min: 1, max: 3_650 }) * 86_400_000,
    notificationSweepIntervalMs: read.integer('NOTIFICATION_SWEEP_INTERVAL_MS', 3_600_000, { min: 1_000, max: 86_400_000 }),
  };
}

/** `Name <user@domain>` or `user@domain`: exactly one mailbox with a domain. */
function fromDomain(mailFrom: string): string {
  const mailboxes = addressparser(mailFrom, { flatten: true });
  const domain = mailboxes.length === 1 ? /^[^@\s]+@([A-Za-z0-9.-]+)$/.exec(mailboxes[0].address)?.[1] : undefined;
  if (!domain) throw new ConfigError('MAIL_FROM', 'must be one address like "Choice Sherpa <notifications@example.com>"');
  return domain.toLowerCase();
}

function publicUrl(read: EnvReader): string {
  const value = read.url('PUBLIC_URL', ['http:', 'https:']) ?? 'http://localhost:3000';
  const url = new URL(value);
  if (url.search || url.hash) throw new ConfigError('PUBLIC_URL', 'must be an origin with an optional path, without query or fragment');
  return value.replace(/\/+$/, '');
}

function unsubscribeKey(read: EnvReader, jwtSecret: string | undefined): Uint8Array {
  const own = read.optional('UNSUBSCRIBE_SECRET');
  if (own !== undefined && own.length < MIN_SECRET_LENGTH) throw new ConfigError('UNSUBSCRIBE_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  const secret = own ?? jwtSecret;
  if (secret === undefined) throw new ConfigError('UNSUBSCRIBE_SECRET', 'is required when JWT_SECRET is not set (not set)');
  // A key of its own: an unsubscribe token can never pass as a session token, even when derived from JWT_SECRET.
  return new Uint8Array(hkdfSync('sha256', secret, 'choice-sherpa', 'notifier unsubscribe tokens', 32));
}
