import { Query } from '@nestjs/cqrs';
import type { SessionResponse } from '../../../interface/session.response';

export class GetSessionQuery extends Query<SessionResponse> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
