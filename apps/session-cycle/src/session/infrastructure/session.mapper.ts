import { Session } from '../domain/session.aggregate';
import type { SessionSnapshot } from '../domain/session.snapshot';
import type { SessionEntity } from './session.entity';

export const SessionMapper = {
  toDomain(row: SessionEntity): Session {
    return Session.fromSnapshot({
      id: row.id,
      user_id: row.user_id,
      title: row.title,
      description: row.description,
      status: row.status as SessionSnapshot['status'],
      cycle_ids: row.cycle_ids,
      version: row.version,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
      archived_at: row.archived_at ? new Date(row.archived_at) : null,
    });
  },

  toPersistence(session: Session): SessionEntity {
    const snapshot = session.toSnapshot();
    return { ...snapshot };
  },
};
