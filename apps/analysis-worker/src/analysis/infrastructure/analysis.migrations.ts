import { CONSUMER_MIGRATIONS, OUTBOX_MIGRATIONS } from '@choice-sherpa/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest result per (cycle, kind). `source_sequence` is the per-aggregate sequence of the component.completed it
 * was computed from: session-cycle numbers a cycle's events in commit order, so of two completions of the same
 * component the later one has the higher sequence, whatever order they are delivered in.
 */
export class CreateAnalysisResults1764400000000 implements MigrationInterface {
  name = 'CreateAnalysisResults1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE analysis_results (
      cycle_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('pugh', 'dq')),
      session_id uuid NOT NULL,
      source_event_id uuid NOT NULL,
      source_sequence bigint NOT NULL,
      result jsonb NOT NULL,
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (cycle_id, kind))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS analysis_results');
  }
}

export const ANALYSIS_MIGRATIONS = [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS, CreateAnalysisResults1764400000000];
