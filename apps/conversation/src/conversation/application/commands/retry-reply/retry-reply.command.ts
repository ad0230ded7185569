import { Command } from '@nestjs/cqrs';
import type { TurnListener, TurnResult } from '../../turn-result';

export class RetryReplyCommand extends Command<TurnResult> {
  constructor(
    readonly userId: string,
    readonly conversationId: string,
    readonly listener: TurnListener,
  ) {
    super();
  }
}
