import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import type { ConversationSettings } from '../../conversation.settings';
import { CONVERSATION_MIGRATIONS } from '../../migrations';
import { IdempotencyKeyRetention } from './idempotency-key-retention';

describe('IdempotencyKeyRetention (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('conversation_retention');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, migrations: CONVERSATION_MIGRATIONS }).initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const insertKey = (key: string, hoursOld: number) =>
    dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, conversation_id, request_hash, user_message_id, response, created_at)
       VALUES ('u1', $1, $2, 'h', $3, '{}'::jsonb, now() - make_interval(hours => $4))`,
      [key, randomUUID(), randomUUID(), hoursOld],
    );

  it('deletes the keys older than IDEMPOTENCY_KEY_RETENTION_HOURS and keeps the newer ones', async () => {
    for (let i = 0; i < 7; i++) await insertKey(`old-${i}`, 25 + i);
    await insertKey('recent', 23);
    await insertKey('fresh', 0);
    const settings = { idempotencyKeyRetentionMs: 24 * 3_600_000, idempotencyKeySweepIntervalMs: 60_000 } as ConversationSettings;
    const retention = new IdempotencyKeyRetention(dataSource, settings);

    expect(await retention.sweep()).toBe(7);
    expect((await dataSource.query('SELECT key FROM idempotency_keys ORDER BY key')).map((row: { key: string }) => row.key)).toEqual(['fresh', 'recent']);
    expect(await retention.sweep()).toBe(0);
  });
});
