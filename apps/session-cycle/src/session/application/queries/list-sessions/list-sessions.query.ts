import { Query } from '@nestjs/cqrs';
import type { Session } from '../../../domain/session.aggregate';

export class ListSessionsQuery extends Query<Session[]> {
  constructor(readonly userId: string) {
    super();
  }
}
