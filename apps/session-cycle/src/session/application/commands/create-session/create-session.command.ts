import type { Session } from '../../../domain/session.aggregate';
import { Command } from '@nestjs/cqrs';

export class CreateSessionCommand extends Command<Session> {
  constructor(
    readonly userId: string,
    readonly title: string,
    readonly description: string | null,
  ) {
    super();
  }
}
