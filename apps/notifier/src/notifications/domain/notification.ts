/** What an email is about; each kind has its template. Membership kinds are transactional and always sent. */
export const NOTIFICATION_KINDS = ['welcome', 'membership_upgraded', 'membership_cancelled', 'cycle_summary'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** pending until delivered (sent), refused for good (failed) or not to be sent (skipped: unsubscribed, no address). */
export const NOTIFICATION_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** Only cycle summaries can be turned off; membership emails are transactional. */
export function isOptional(kind: NotificationKind): boolean {
  return kind === 'cycle_summary';
}

/** Once per event and kind: the key the mail outbox is unique on, and what the Message-ID is derived from. */
export function notificationKey(kind: NotificationKind, eventId: string): string {
  return `${kind}:${eventId}`;
}

/** The same key always gives the same Message-ID, so a resend after a crash is recognisably the same message. */
export function messageIdFor(key: string, domain: string): string {
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;
}

/** What the triggering event told us, kept with the notification until it is composed. */
export type NotificationFacts =
  | { kind: 'welcome'; tier: string }
  | { kind: 'membership_upgraded'; old_tier: string; new_tier: string }
  | { kind: 'membership_cancelled'; cancelled_at: string }
  | { kind: 'cycle_summary'; session_id: string; cycle_id: string; dq_score: number | null; completed_at: string };

/** A notification as the sender sees it: the outbox row without its delivery bookkeeping. */
export interface QueuedNotification {
  id: string;
  key: string;
  kind: NotificationKind;
  userId: string | null;
  facts: NotificationFacts;
  attempts: number;
  createdAt: Date;
}
