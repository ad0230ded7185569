import type { SessionResponse } from '../../../interface/session.response';
import { Command } from '@nestjs/cqrs';

export class RenameSessionCommand extends Command<SessionResponse> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly title: string,
  ) {
    super();
  }
}
