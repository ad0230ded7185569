import { Injectable } from '@nestjs/common';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { AmbientRepository } from '../../shared/infrastructure/ambient-repository';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import { findLocked } from '../../shared/infrastructure/row-sql';
import type { Session } from '../domain/session.aggregate';
import type { SessionRepository } from '../application/session-repository.port';
import { SessionEntity } from './session.entity';
import { SessionMapper } from './session.mapper';

/** Sessions in PostgreSQL (the `sessions` table). */
@Injectable()
export class PgSessionRepository extends AmbientRepository implements SessionRepository {
  /** The session if `userId` owns it: someone else's session is indistinguishable from an unknown one. */
  async findOwned(sessionId: string, userId: string): Promise<Session | undefined> {
    const row = await this.reader().findOne(SessionEntity, { where: { id: sessionId, user_id: userId } });
    return row ? SessionMapper.toDomain(row) : undefined;
  }

  /** The user's sessions, oldest first. */
  async listOwned(userId: string): Promise<Session[]> {
    const rows = await this.reader().find(SessionEntity, { where: { user_id: userId }, order: { created_at: 'ASC', id: 'ASC' } });
    return rows.map((row) => SessionMapper.toDomain(row));
  }

  /** The session, row-locked for this transaction, if `userId` owns it; undefined otherwise (answered as 404). */
  async findOwnedForUpdate(sessionId: string, userId: string): Promise<Session | undefined> {
    const row = await findLocked(this.inTransaction(), SessionEntity, { id: sessionId, user_id: userId });
    return row ? SessionMapper.toDomain(row) : undefined;
  }

  /** For consumers acting on our own events: the session by id, row-locked. */
  async findForUpdate(sessionId: string): Promise<Session | undefined> {
    const row = await this.inTransaction().findOne(SessionEntity, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
    return row ? SessionMapper.toDomain(row) : undefined;
  }

  /**
   * Serialises session creation per user until the transaction ends, so two concurrent creates cannot both pass
   * the active-sessions limit.
   */
  async lockUserSessions(userId: string): Promise<void> {
    await this.inTransaction().query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sessions:${userId}`]);
  }

  async countActive(userId: string): Promise<number> {
    return this.reader().count(SessionEntity, { where: { user_id: userId, status: 'active' } });
  }

  async save(tx: UnitOfWorkTransaction, session: Session, metadata: EventMetadataInput): Promise<void> {
    await saveWithEvents(tx, SessionEntity, session, SessionMapper.toPersistence(session), metadata);
  }
}
