import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What this service learned from other services' events: DQ scores (for cycle.completed) and extraction outcomes. */
export class CreateConsumerRecords1764300000001 implements MigrationInterface {
  name = 'CreateConsumerRecords1764300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS cycle_dq_scores (
      cycle_id uuid PRIMARY KEY,
      session_id uuid NOT NULL,
      overall_score integer NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
      element_scores jsonb NOT NULL,
      computed_at timestamptz NOT NULL,
      event_id uuid NOT NULL)`);

    // One row per conversation.data_extracted event: applied, or ignored with the reason (never retried).
    await runner.query(`CREATE TABLE IF NOT EXISTS data_extraction_records (
      event_id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL,
      cycle_id uuid NOT NULL,
      component_type text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('applied', 'ignored')),
      reason text,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query('CREATE INDEX IF NOT EXISTS data_extraction_records_cycle ON data_extraction_records (cycle_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS data_extraction_records');
    await runner.query('DROP TABLE IF EXISTS cycle_dq_scores');
  }
}
