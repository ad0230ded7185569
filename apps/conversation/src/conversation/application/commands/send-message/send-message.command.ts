import { Command } from '@nestjs/cqrs';
import type { TurnListener, TurnResult } from '../../turn-result';

export class SendMessageCommand extends Command<TurnResult> {
  constructor(
    readonly userId: string,
    readonly conversationId: string,
    readonly content: string,
    readonly idempotencyKey: string | undefined,
    readonly listener: TurnListener,
  ) {
    super();
  }
}
