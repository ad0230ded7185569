import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../../../infrastructure/session.entity';
import { SessionResponse, toSessionResponse } from '../../../interface/session.response';
import { ListSessionsQuery } from './list-sessions.query';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId }: ListSessionsQuery): Promise<SessionResponse[]> {
    const rows = await this.dataSource.manager.find(SessionEntity, { where: { user_id: userId }, order: { created_at: 'ASC', id: 'ASC' } });
    return rows.map(toSessionResponse);
  }
}
