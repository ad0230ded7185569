import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { Session } from '../domain/session.aggregate';

/** Sessions, read through their owner and saved inside the caller's unit of work; implemented in infrastructure. */
export abstract class SessionRepository {
  /** The session if `userId` owns it: someone else's session is indistinguishable from an unknown one. */
  abstract findOwned(sessionId: string, userId: string): Promise<Session | undefined>;

  /** The user's sessions, oldest first. */
  abstract listOwned(userId: string): Promise<Session[]>;

  /** The session, row-locked for this transaction, if `userId` owns it; undefined otherwise (answered as 404). */
  abstract findOwnedForUpdate(sessionId: string, userId: string): Promise<Session | undefined>;

  /** For consumers acting on our own events: the session by id, row-locked. */
  abstract findForUpdate(sessionId: string): Promise<Session | undefined>;

  /**
   * Serialises session creation per user until the transaction ends, so two concurrent creates cannot both pass
   * the active-sessions limit.
   */
  abstract lockUserSessions(userId: string): Promise<void>;

  abstract countActive(userId: string): Promise<number>;

  /** Saves the session (optimistic concurrency) and queues the events it recorded. */
  abstract save(tx: UnitOfWorkTransaction, session: Session, metadata: EventMetadataInput): Promise<void>;
}
