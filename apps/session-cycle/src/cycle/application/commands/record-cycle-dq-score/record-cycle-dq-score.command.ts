import { Command } from '@nestjs/cqrs';
import type { CycleDqScore } from '../../cycle-repository.port';

/** Remember the cycle's DQ score (for cycle.completed); run inside the consumer's idempotent transaction. */
export class RecordCycleDqScoreCommand extends Command<void> {
  constructor(readonly score: CycleDqScore) {
    super();
  }
}
