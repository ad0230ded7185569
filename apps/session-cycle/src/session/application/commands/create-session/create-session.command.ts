import type { SessionResponse } from '../../../interface/session.response';
import { Command } from '@nestjs/cqrs';

export class CreateSessionCommand extends Command<SessionResponse> {
  constructor(
    readonly userId: string,
    readonly title: string,
    readonly description: string | null,
  ) {
    super();
  }
}
