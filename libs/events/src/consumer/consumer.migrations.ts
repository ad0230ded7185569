import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProcessedEvents1764000100000 implements MigrationInterface {
  name = 'CreateProcessedEvents1764000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS processed_events (
      event_id uuid NOT NULL,
      handler text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, handler))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS processed_events');
  }
}

export class CreateDeadLetterEvents1764000100001 implements MigrationInterface {
  name = 'CreateDeadLetterEvents1764000100001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS dead_letter_events (
      id bigserial PRIMARY KEY,
      event_id text,
      event_type text,
      stream text NOT NULL,
      entry_id text NOT NULL,
      consumer_group text NOT NULL,
      handler text,
      raw_fields jsonb NOT NULL,
      error_message text NOT NULL,
      reason_code text NOT NULL,
      attempts integer NOT NULL,
      first_failed_at timestamptz NOT NULL,
      last_failed_at timestamptz NOT NULL,
      replayed_at timestamptz,
      UNIQUE NULLS NOT DISTINCT (stream, entry_id, consumer_group, handler))`);
    await runner.query('CREATE INDEX IF NOT EXISTS dead_letter_events_last_failed ON dead_letter_events (last_failed_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS dead_letter_events');
  }
}

/** Consumer-side tables every consuming service runs in its migrations list. */
export const CONSUMER_MIGRATIONS = [CreateProcessedEvents1764000100000, CreateDeadLetterEvents1764000100001];
