import type { Session } from '../../../domain/session.aggregate';
import { Command } from '@nestjs/cqrs';

export class ArchiveSessionCommand extends Command<Session> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
