import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox: one row per event, written in the producer's transaction. `envelope` is the exact JSON the relay
 * XADDs (text, not jsonb, so the bytes on the wire are the bytes validated at write time). `aggregate_hash` is
 * fnv1a32(aggregate_id), the hash the stream layout partitions by, so relays select one partition's rows with
 * `aggregate_hash % partitions` without knowing the layout at write time.
 */
export class CreateOutboxEvents1764000200000 implements MigrationInterface {
  name = 'CreateOutboxEvents1764000200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS outbox_events (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      event_type text NOT NULL,
      aggregate_type text NOT NULL,
      aggregate_id text NOT NULL,
      aggregate_hash bigint NOT NULL,
      sequence bigint NOT NULL,
      schema_version integer NOT NULL,
      occurred_at timestamptz NOT NULL,
      correlation_id text,
      envelope text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text)`);
    // The relay reads only unpublished rows in id order; this index stays as small as the backlog.
    await runner.query('CREATE INDEX IF NOT EXISTS outbox_events_pending ON outbox_events (id) WHERE published_at IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS outbox_events');
  }
}

/**
 * The last sequence handed out per aggregate. The writer bumps it with an upsert inside the producer's transaction;
 * the row lock it takes serialises writers of one aggregate until commit, so sequence order is commit order.
 */
export class CreateOutboxAggregateSequences1764000200001 implements MigrationInterface {
  name = 'CreateOutboxAggregateSequences1764000200001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS outbox_aggregate_sequences (
      aggregate_id text PRIMARY KEY,
      last_sequence bigint NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS outbox_aggregate_sequences');
  }
}

/**
 * Every published row leaves a dead entry in the pending-rows index until VACUUM removes it, and each relay pass
 * walks past those entries: right after a large backlog was drained a pass is tens of milliseconds slower. Vacuum
 * (and analyze) this queue table after a fixed number of changed rows instead of a fraction of its size.
 */
export class TuneOutboxAutovacuum1764000200002 implements MigrationInterface {
  name = 'TuneOutboxAutovacuum1764000200002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_events SET (
      autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
      autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000,
      autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000,
      autovacuum_vacuum_cost_delay = 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_events RESET (
      autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_insert_scale_factor,
      autovacuum_vacuum_insert_threshold, autovacuum_analyze_scale_factor, autovacuum_analyze_threshold,
      autovacuum_vacuum_cost_delay)`);
  }
}

/** Producer-side tables: add to every producing service's migrations list. */
export const OUTBOX_MIGRATIONS = [CreateOutboxEvents1764000200000, CreateOutboxAggregateSequences1764000200001, TuneOutboxAutovacuum1764000200002];
