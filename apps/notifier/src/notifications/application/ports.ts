import type { EntityManager } from 'typeorm';
import type { DeliveryOutcome } from '../domain/delivery-outcome';
import type { NotificationFacts, NotificationKind, NotificationState, QueuedNotification } from '../domain/notification';

/** A database transaction: the consumer's idempotent one, or the sender's. */
export type Tx = EntityManager;

/** The notifier's projections of other services' events. */
export interface ProjectionStore {
  upsertRecipient(tx: Tx, recipient: { userId: string; email: string; at: string; eventId: string }): Promise<void>;
  recordSession(tx: Tx, session: { sessionId: string; userId: string | null; title: string; sequence: number }): Promise<void>;
  recordBranch(tx: Tx, branch: { cycleId: string; parentCycleId: string; inheritsAlternatives: boolean }): Promise<void>;
  recordAlternativeNames(tx: Tx, names: { cycleId: string; names: Record<string, string>; sequence: number }): Promise<void>;
  recordPugh(tx: Tx, pugh: { cycleId: string; bestAlternativeId: string | null; computedAt: string }): Promise<void>;
  recipientAddress(tx: Tx, userId: string): Promise<string | null>;
  session(tx: Tx, sessionId: string): Promise<{ userId: string | null; title: string | null } | null>;
  /** The cycle's Pugh result and the names of its alternatives (its own, else inherited from the cycle it branched from). */
  cycleSummaryFacts(tx: Tx, cycleId: string): Promise<{ pugh: { bestAlternativeId: string | null } | null; names: Record<string, string> }>;
}

export interface NewNotification {
  key: string;
  kind: NotificationKind;
  userId: string | null;
  facts: NotificationFacts;
  sourceEventId: string;
  correlationId: string | null;
}

/** Metadata of a notification for operators: never an address, a subject or a body. */
export interface NotificationMetadata {
  id: string;
  kind: NotificationKind;
  state: NotificationState;
  user_id: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  source_event_id: string;
  correlation_id: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The mail outbox. */
export interface NotificationOutbox {
  /** false when a notification with that key exists already (once per event and kind). */
  enqueue(tx: Tx, notification: NewNotification): Promise<boolean>;
  /** Runs `work` on the oldest due pending notification, locked for this transaction; `locked` while another sender works. */
  withNextDue<T>(work: (tx: Tx, notification: QueuedNotification) => Promise<T>): Promise<{ kind: 'done'; result: T } | { kind: 'idle'; nextDueAt: Date | null } | { kind: 'locked' }>;
  markSent(tx: Tx, id: string): Promise<void>;
  markFinished(tx: Tx, id: string, state: 'failed' | 'skipped', error: string, attempted: boolean): Promise<void>;
  reschedule(tx: Tx, id: string, retryAt: Date, error: string, attempted: boolean): Promise<void>;
  list(filter: { state?: NotificationState; limit: number; offset: number }): Promise<{ items: NotificationMetadata[]; total: number }>;
  pendingStats(): Promise<{ count: number; oldestCreatedAt: Date | null }>;
}

export interface PreferenceStore {
  cycleSummaries(tx: Tx | null, userId: string): Promise<boolean>;
  setCycleSummaries(userId: string, enabled: boolean): Promise<void>;
}

/** An email ready for the transport. */
export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export interface UnsubscribeTokens {
  issue(userId: string): Promise<string>;
  /** The user the token was issued to; throws InvalidUnsubscribeToken when forged, tampered with or expired. */
  verify(token: string): Promise<string>;
}

export class InvalidUnsubscribeToken extends Error {}

export const PROJECTION_STORE = Symbol('ProjectionStore');
export const NOTIFICATION_OUTBOX = Symbol('NotificationOutbox');
export const PREFERENCE_STORE = Symbol('PreferenceStore');
export const MAIL_TRANSPORT = Symbol('MailTransport');
export const UNSUBSCRIBE_TOKENS = Symbol('UnsubscribeTokens');
