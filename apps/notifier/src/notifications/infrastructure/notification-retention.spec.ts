import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import type { NotifierSettings } from '../../notifier.settings';
import { NotificationRetention } from './notification-retention';
import { NOTIFIER_MIGRATIONS } from './notifier.migrations';

describe('NotificationRetention (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('notifier_retention');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, migrations: NOTIFIER_MIGRATIONS }).initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const insert = (key: string, state: string, daysSinceFinished: number | null) =>
    dataSource.query(
      `INSERT INTO notifications (notification_key, kind, facts, state, source_event_id, created_at, finished_at)
       VALUES ($1, 'welcome', '{}'::jsonb, $2, $3, now() - interval '400 days',
               CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(days => $4::int) END)`,
      [key, state, randomUUID(), daysSinceFinished],
    );

  it('deletes sent and skipped notifications finished before NOTIFICATION_RETENTION_DAYS; pending, failed and newer ones stay', async () => {
    await insert('sent-old', 'sent', 31);
    await insert('skipped-old', 'skipped', 45);
    await insert('failed-old', 'failed', 90);
    await insert('pending-old', 'pending', null);
    await insert('sent-recent', 'sent', 29);
    const settings = { notificationRetentionMs: 30 * 86_400_000, notificationSweepIntervalMs: 60_000 } as NotifierSettings;
    const retention = new NotificationRetention(dataSource, settings);

    expect(await retention.sweep()).toBe(2);
    const left = await dataSource.query('SELECT notification_key FROM notifications ORDER BY notification_key');
    expect(left.map((row: { notification_key: string }) => row.notification_key)).toEqual(['failed-old', 'pending-old', 'sent-recent']);
    expect(await retention.sweep()).toBe(0);
  });
});
