import { CONSUMER_MIGRATIONS } from '@choice-sherpa/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model: one table per record kind, keyed by its aggregate, with the record as jsonb (the views are built
 * from whole records, never filtered inside them) and the keys the queries filter on as columns.
 */
export class CreateDashboardReadModel1764200000000 implements MigrationInterface {
  name = 'CreateDashboardReadModel1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dashboard_sessions (
      session_id uuid PRIMARY KEY, user_id text, doc jsonb NOT NULL)`);
    await runner.query('CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id)');
    await runner.query(`CREATE TABLE dashboard_cycles (
      cycle_id uuid PRIMARY KEY, session_id uuid NOT NULL, doc jsonb NOT NULL)`);
    await runner.query('CREATE INDEX dashboard_cycles_session ON dashboard_cycles (session_id)');
    await runner.query(`CREATE TABLE dashboard_components (
      cycle_id uuid NOT NULL, component_type text NOT NULL, session_id uuid NOT NULL, doc jsonb NOT NULL,
      PRIMARY KEY (cycle_id, component_type))`);
    await runner.query('CREATE INDEX dashboard_components_session ON dashboard_components (session_id)');
    await runner.query(`CREATE TABLE dashboard_component_history (
      cycle_id uuid NOT NULL, sequence integer NOT NULL, component_type text NOT NULL, session_id uuid NOT NULL,
      occurred_at text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (cycle_id, sequence))`);
    await runner.query(`CREATE TABLE dashboard_conversations (
      conversation_id uuid PRIMARY KEY, session_id uuid NOT NULL, doc jsonb NOT NULL)`);
    await runner.query('CREATE INDEX dashboard_conversations_session ON dashboard_conversations (session_id)');
    await runner.query(`CREATE TABLE dashboard_analyses (
      cycle_id uuid PRIMARY KEY, session_id uuid NOT NULL, doc jsonb NOT NULL)`);
    await runner.query('CREATE INDEX dashboard_analyses_session ON dashboard_analyses (session_id)');
    await runner.query(`CREATE TABLE dashboard_positions (
      source text NOT NULL, aggregate_key text NOT NULL, last_sequence integer NOT NULL,
      PRIMARY KEY (source, aggregate_key))`);
    await runner.query(`CREATE TABLE dashboard_sequence_gaps (
      id bigserial PRIMARY KEY, source text NOT NULL, aggregate_key text NOT NULL, expected integer NOT NULL,
      received integer NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL,
      detected_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...READ_MODEL_TABLES].reverse()) await runner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Every table the projection writes: what `rebuild` empties before re-applying the streams. */
export const READ_MODEL_TABLES = [
  'dashboard_sessions',
  'dashboard_cycles',
  'dashboard_components',
  'dashboard_component_history',
  'dashboard_conversations',
  'dashboard_analyses',
  'dashboard_positions',
  'dashboard_sequence_gaps',
] as const;

export const DASHBOARD_MIGRATIONS = [...CONSUMER_MIGRATIONS, CreateDashboardReadModel1764200000000];
