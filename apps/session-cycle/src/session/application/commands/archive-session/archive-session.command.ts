import type { SessionResponse } from '../../../interface/session.response';
import { Command } from '@nestjs/cqrs';

export class ArchiveSessionCommand extends Command<SessionResponse> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
