import { CONSUMER_MIGRATIONS } from '@choice-sherpa/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier's own projections (recipients, session owners and titles, what a cycle summary shows), the users'
 * preferences and the mail outbox. Addresses and titles stay in this database; no email body is ever stored.
 */
export class CreateNotifierTables1764400000000 implements MigrationInterface {
  name = 'CreateNotifierTables1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE recipients (
      user_id text PRIMARY KEY, email text NOT NULL, updated_at timestamptz NOT NULL, event_id uuid NOT NULL)`);
    await runner.query(`CREATE TABLE summary_sessions (
      session_id uuid PRIMARY KEY, user_id text, title text, title_sequence integer NOT NULL)`);
    await runner.query(`CREATE TABLE summary_cycles (
      cycle_id uuid PRIMARY KEY,
      parent_cycle_id uuid, inherits_alternatives boolean NOT NULL DEFAULT false,
      alternative_names jsonb, names_sequence integer,
      pugh_computed boolean NOT NULL DEFAULT false, best_alternative_id text, pugh_computed_at timestamptz)`);
    await runner.query(`CREATE TABLE notification_preferences (
      user_id text PRIMARY KEY, cycle_summaries boolean NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      notification_key text NOT NULL UNIQUE,
      kind text NOT NULL,
      user_id text,
      facts jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      source_event_id uuid NOT NULL,
      correlation_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz)`);
    // The sender walks pending rows in creation order; the admin list filters by state, newest first.
    await runner.query(`CREATE INDEX notifications_pending ON notifications (id) WHERE state = 'pending'`);
    await runner.query('CREATE INDEX notifications_state ON notifications (state, id DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'notification_preferences', 'summary_cycles', 'summary_sessions', 'recipients']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

/** The retention sweep deletes finished (sent, skipped) notifications by age: a partial index over just those. */
export class IndexFinishedNotifications1764400000001 implements MigrationInterface {
  name = 'IndexFinishedNotifications1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX IF NOT EXISTS notifications_finished ON notifications (finished_at) WHERE state IN ('sent', 'skipped')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS notifications_finished');
  }
}

export const NOTIFIER_MIGRATIONS = [...CONSUMER_MIGRATIONS, CreateNotifierTables1764400000000, IndexFinishedNotifications1764400000001];
