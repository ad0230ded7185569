import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Session } from '../../../domain/session.aggregate';
import { SessionRepository } from '../../session-repository.port';
import { ListSessionsQuery } from './list-sessions.query';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(private readonly sessions: SessionRepository) {}

  execute({ userId }: ListSessionsQuery): Promise<Session[]> {
    return this.sessions.listOwned(userId);
  }
}
