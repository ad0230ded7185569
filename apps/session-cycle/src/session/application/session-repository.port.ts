import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import type { Session } from '../domain/session.aggregate';

/** Sessions, read through their owner and saved inside the caller's unit of work; implemented in infrastructure. */
export abstract class SessionRepository {
  /** The session if `userId` owns it: someone else's session is indistinguishable from an unknown one. */
  abstract findOwned(manager: EntityManager, sessionId: string, userId: string): Promise<Session | undefined>;

  /** The user's sessions, oldest first. */
  abstract listOwned(manager: EntityManager, userId: string): Promise<Session[]>;

  /** The session, row-locked for this transaction, if `userId` owns it; undefined otherwise (answered as 404). */
  abstract findOwnedForUpdate(manager: EntityManager, sessionId: string, userId: string): Promise<Session | undefined>;

  /** For consumers acting on our own events: the session by id, row-locked. */
  abstract findForUpdate(manager: EntityManager, sessionId: string): Promise<Session | undefined>;

  /**
   * Serialises session creation per user until the transaction ends, so two concurrent creates cannot both pass
   * the active-sessions limit.
   */
  abstract lockUserSessions(manager: EntityManager, userId: string): Promise<void>;

  abstract countActive(manager: EntityManager, userId: string): Promise<number>;

  /** Saves the session (optimistic concurrency) and queues the events it recorded. */
  abstract save(tx: UnitOfWorkTransaction, session: Session, metadata: EventMetadataInput): Promise<void>;
}
