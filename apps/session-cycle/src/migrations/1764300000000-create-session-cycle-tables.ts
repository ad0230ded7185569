import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions, cycles (the nine components as one jsonb array: they are always read and written together), memberships. */
export class CreateSessionCycleTables1764300000000 implements MigrationInterface {
  name = 'CreateSessionCycleTables1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS sessions (
      id uuid PRIMARY KEY,
      user_id text NOT NULL,
      title text NOT NULL,
      description text,
      status text NOT NULL,
      cycle_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      archived_at timestamptz)`);
    await runner.query('CREATE INDEX IF NOT EXISTS sessions_user_created ON sessions (user_id, created_at)');

    await runner.query(`CREATE TABLE IF NOT EXISTS cycles (
      id uuid PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES sessions (id),
      parent_cycle_id uuid REFERENCES cycles (id),
      branch_point text,
      status text NOT NULL,
      components jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      completed_at timestamptz,
      archived_at timestamptz)`);
    await runner.query('CREATE INDEX IF NOT EXISTS cycles_session ON cycles (session_id, created_at)');

    await runner.query(`CREATE TABLE IF NOT EXISTS memberships (
      id uuid PRIMARY KEY,
      user_id text NOT NULL,
      email text NOT NULL,
      tier text NOT NULL,
      status text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      cancel_reason text)`);
    // One live membership per user; cancelled and expired ones stay as history.
    await runner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS memberships_one_live_per_user ON memberships (user_id) WHERE status NOT IN ('cancelled', 'expired')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS memberships');
    await runner.query('DROP TABLE IF EXISTS cycles');
    await runner.query('DROP TABLE IF EXISTS sessions');
  }
}
