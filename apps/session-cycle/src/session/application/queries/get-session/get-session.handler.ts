import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { notFound } from '@choice-sherpa/platform';
import { SessionEntity } from '../../../infrastructure/session.entity';
import { SessionResponse, toSessionResponse } from '../../../interface/session.response';
import { GetSessionQuery } from './get-session.query';

@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId, sessionId }: GetSessionQuery): Promise<SessionResponse> {
    // Owner in the WHERE clause: someone else's session is indistinguishable from an unknown one.
    const row = await this.dataSource.manager.findOne(SessionEntity, { where: { id: sessionId, user_id: userId } });
    if (!row) throw notFound('session');
    return toSessionResponse(row);
  }
}
