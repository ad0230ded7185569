import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders recorded DQ scores by the analysis.dq_computed event's per-cycle sequence instead of its computed_at: the
 * analysis worker numbers a cycle's results in commit order (and only emits a result newer than the one it holds),
 * while computed_at is a wall clock that two workers need not agree on. Rows from before get 0, so any new event wins.
 */
export class OrderDqScoresBySequence1764300000002 implements MigrationInterface {
  name = 'OrderDqScoresBySequence1764300000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE cycle_dq_scores ADD COLUMN IF NOT EXISTS event_sequence bigint NOT NULL DEFAULT 0');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE cycle_dq_scores DROP COLUMN IF EXISTS event_sequence');
  }
}
