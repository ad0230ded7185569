import type { FeedLog } from '../domain/session-feed';
import type { LoggedEvent } from '../domain/logged-event';

/** The access projection: who owns which session (from session.created). */
export interface SessionAccessReader {
  ownerOf(sessionId: string): Promise<string | null>;
}
export const SESSION_ACCESS_READER = Symbol('SessionAccessReader');

/** Signals that a session's access record may have appeared (on any replica). */
export interface AccessSignals {
  /** Starts listening now; `settled` resolves on a signal for the session or after `timeoutMs`, whichever first. */
  expect(sessionId: string, timeoutMs: number): { settled: Promise<void>; cancel(): void };
}
export const ACCESS_SIGNALS = Symbol('AccessSignals');

export interface EventLogReader extends FeedLog {
  /** Position of `eventId` in `sessionId`'s log; null when it is not (or no longer) there. */
  positionOf(sessionId: string, eventId: string): Promise<number | null>;
  /** Position of the session's latest logged event; 0 when none. */
  head(sessionId: string): Promise<number>;
  /** Heads of several sessions in one read; a session with nothing logged is absent. */
  heads(sessionIds: readonly string[]): Promise<Map<string, number>>;
}
export const EVENT_LOG_READER = Symbol('EventLogReader');

export type NewLogEntry = Omit<LoggedEvent, 'position'>;

export interface EventLogWriter {
  /**
   * Appends in one transaction, once per event id (a redelivery returns the row already logged); one result per
   * entry, in order.
   */
  appendMany(entries: NewLogEntry[]): Promise<{ event: LoggedEvent; appended: boolean }[]>;
}
export const EVENT_LOG_WRITER = Symbol('EventLogWriter');

/** Tells every gateway replica (this one included) that an event was logged. */
export interface LiveAnnouncer {
  announce(event: LoggedEvent): void;
}
export const LIVE_ANNOUNCER = Symbol('LiveAnnouncer');

/** What the feeds report for operators (metrics): failures and catch-ups, never ids or payloads. */
export interface FeedMonitor {
  /** A feed's log read failed (it retries by itself). */
  readFailed(): void;
  /** The periodic check found `count` feeds behind the log (announcements lost or late) and read for them. */
  caughtUp(count: number): void;
  /** The periodic check itself could not read the heads. */
  checkFailed(): void;
}
export const FEED_MONITOR = Symbol('FeedMonitor');
