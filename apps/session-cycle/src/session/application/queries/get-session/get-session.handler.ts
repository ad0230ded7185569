import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@choice-sherpa/platform';
import type { Session } from '../../../domain/session.aggregate';
import { SessionRepository } from '../../session-repository.port';
import { GetSessionQuery } from './get-session.query';

@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(private readonly sessions: SessionRepository) {}

  async execute({ userId, sessionId }: GetSessionQuery): Promise<Session> {
    const session = await this.sessions.findOwned(sessionId, userId);
    if (!session) throw notFound('session');
    return session;
  }
}
