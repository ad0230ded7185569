import { Query } from '@nestjs/cqrs';
import type { Session } from '../../../domain/session.aggregate';

export class GetSessionQuery extends Query<Session> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
