import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's own tables:
 * - session_access: the access projection (who owns which session), from session.created.
 * - session_log_head: the last position handed out per session. Appending locks this row, so positions are
 *   assigned in commit order and without holes (a rolled-back append returns its number); a bigserial would not
 *   be: a smaller number can commit after a larger one, and a replay from the larger one would skip it.
 * - session_event_log: every session-scoped event once, with its per-session position; bounded by retention.
 */
export class CreateLiveTables1764400000000 implements MigrationInterface {
  name = 'CreateLiveTables1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS session_access (
      session_id uuid PRIMARY KEY,
      owner_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE TABLE IF NOT EXISTS session_log_head (
      session_id uuid PRIMARY KEY,
      last_position bigint NOT NULL)`);
    await runner.query(`CREATE TABLE IF NOT EXISTS session_event_log (
      session_id uuid NOT NULL,
      position bigint NOT NULL,
      event_id uuid NOT NULL UNIQUE,
      event_type text NOT NULL,
      aggregate_id text NOT NULL,
      sequence integer NOT NULL,
      occurred_at text NOT NULL,
      payload json NOT NULL,
      logged_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, position))`);
    await runner.query('CREATE INDEX IF NOT EXISTS session_event_log_logged_at ON session_event_log (logged_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS session_event_log');
    await runner.query('DROP TABLE IF EXISTS session_log_head');
    await runner.query('DROP TABLE IF EXISTS session_access');
  }
}

/** The envelope's correlation and causation ids, sent with each event (API.md): null for rows logged before. */
export class AddEventLogCorrelation1764400000001 implements MigrationInterface {
  name = 'AddEventLogCorrelation1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE session_event_log ADD COLUMN IF NOT EXISTS correlation_id text, ADD COLUMN IF NOT EXISTS causation_id text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE session_event_log DROP COLUMN IF EXISTS correlation_id, DROP COLUMN IF EXISTS causation_id');
  }
}

export const LIVE_MIGRATIONS = [CreateLiveTables1764400000000, AddEventLogCorrelation1764400000001];
