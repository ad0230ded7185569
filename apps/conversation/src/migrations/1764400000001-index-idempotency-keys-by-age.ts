import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention sweep deletes idempotency keys by age: an index keeps each bounded batch from scanning the table. */
export class IndexIdempotencyKeysByAge1764400000001 implements MigrationInterface {
  name = 'IndexIdempotencyKeysByAge1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS idempotency_keys_created');
  }
}
