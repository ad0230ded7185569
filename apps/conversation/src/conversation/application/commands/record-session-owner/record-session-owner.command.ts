import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';

/** session.created: who owns the session (every conversation of it is theirs alone). */
export class RecordSessionOwnerCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly userId: string,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
