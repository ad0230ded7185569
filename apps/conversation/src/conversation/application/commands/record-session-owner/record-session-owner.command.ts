import { Command } from '@nestjs/cqrs';

/** session.created: who owns the session (every conversation of it is theirs alone). */
export class RecordSessionOwnerCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly userId: string,
  ) {
    super();
  }
}
