import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Conversations and messages, the projections the service keeps (owners, tiers, cycle outputs), quota and idempotency. */
export class CreateConversationTables1764400000000 implements MigrationInterface {
  name = 'CreateConversationTables1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      session_id uuid NOT NULL,
      cycle_id uuid NOT NULL,
      component_id uuid NOT NULL,
      component_type text NOT NULL,
      state text NOT NULL,
      phase text NOT NULL,
      inherited_from uuid,
      extracted_output jsonb,
      proposed_output jsonb,
      user_message_count integer NOT NULL,
      message_count integer NOT NULL,
      component_locked boolean NOT NULL,
      awaiting_reply_to uuid,
      generation_token uuid,
      generating_until timestamptz,
      version integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (cycle_id, component_type))`);
    await runner.query('CREATE INDEX conversations_session ON conversations (session_id)');
    await runner.query(`CREATE TABLE conversation_messages (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id),
      position integer NOT NULL,
      role text NOT NULL,
      content text NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (conversation_id, position))`);
    await runner.query('CREATE TABLE session_owners (session_id uuid PRIMARY KEY, user_id text NOT NULL)');
    await runner.query(`CREATE TABLE membership_tiers (
      membership_id uuid PRIMARY KEY,
      user_id text NOT NULL,
      tier text NOT NULL,
      cancelled boolean NOT NULL DEFAULT false)`);
    await runner.query('CREATE INDEX membership_tiers_user ON membership_tiers (user_id)');
    await runner.query(`CREATE TABLE cycle_outputs (
      cycle_id uuid NOT NULL,
      component_type text NOT NULL,
      output jsonb NOT NULL,
      PRIMARY KEY (cycle_id, component_type))`);
    await runner.query(`CREATE TABLE ai_message_usage (
      user_id text NOT NULL,
      day date NOT NULL,
      count integer NOT NULL,
      PRIMARY KEY (user_id, day))`);
    await runner.query(`CREATE TABLE idempotency_keys (
      user_id text NOT NULL,
      key text NOT NULL,
      conversation_id uuid NOT NULL,
      request_hash text NOT NULL,
      user_message_id uuid NOT NULL,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key))`);
    await runner.query('CREATE INDEX idempotency_keys_message ON idempotency_keys (user_message_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'ai_message_usage', 'cycle_outputs', 'membership_tiers', 'session_owners', 'conversation_messages', 'conversations']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
