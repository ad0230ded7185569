import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordCycleDqScoreCommand } from './record-cycle-dq-score.command';

@CommandHandler(RecordCycleDqScoreCommand)
export class RecordCycleDqScoreHandler implements ICommandHandler<RecordCycleDqScoreCommand> {
  private readonly logger = new Logger(RecordCycleDqScoreHandler.name);

  async execute({ event, manager }: RecordCycleDqScoreCommand): Promise<void> {
    const { cycle_id, session_id, overall_score, element_scores, computed_at } = event.payload;
    const known: unknown[] = await manager.query('SELECT 1 FROM cycles WHERE id = $1 AND session_id = $2', [cycle_id, session_id]);
    if (known.length === 0) {
      // Not one of our cycles (or a mismatched session): nothing to attach the score to, and retrying will not help.
      this.logger.warn({ msg: 'dq score for an unknown cycle ignored', event_id: event.event_id, cycle_id });
      return;
    }
    // A later computation (decision_quality revised and completed again) replaces an earlier one, never the reverse,
    // whatever order they are delivered in: the analysis worker numbers a cycle's results in commit order and only
    // emits one newer than the result it holds, so the event's per-cycle sequence orders them (its computed_at is a
    // wall clock, which two workers need not agree on).
    await manager.query(
      `INSERT INTO cycle_dq_scores (cycle_id, session_id, overall_score, element_scores, computed_at, event_id, event_sequence)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (cycle_id) DO UPDATE SET overall_score = EXCLUDED.overall_score, element_scores = EXCLUDED.element_scores,
         computed_at = EXCLUDED.computed_at, event_id = EXCLUDED.event_id, event_sequence = EXCLUDED.event_sequence
       WHERE cycle_dq_scores.event_sequence < EXCLUDED.event_sequence`,
      [cycle_id, session_id, overall_score, JSON.stringify(element_scores), computed_at, event.event_id, event.sequence],
    );
  }
}
