import { Query } from '@nestjs/cqrs';
import type { SessionResponse } from '../../../interface/session.response';

export class ListSessionsQuery extends Query<SessionResponse[]> {
  constructor(readonly userId: string) {
    super();
  }
}
