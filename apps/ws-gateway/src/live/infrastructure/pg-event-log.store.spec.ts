import { randomUUID } from 'node:crypto';
import { CONSUMER_MIGRATIONS } from '@choice-sherpa/events';
import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import type { NewLogEntry } from '../application/ports';
import { EventLogRetention } from './event-log-retention';
import { LIVE_MIGRATIONS } from './live.migrations';
import { PgEventLogStore } from './pg-event-log.store';

function entry(sessionId: string, sequence = 1): NewLogEntry {
  return {
    event_id: randomUUID(),
    event_type: 'component.started',
    session_id: sessionId,
    aggregate_id: randomUUID(),
    occurred_at: '2026-11-26T22:00:00.123456Z',
    sequence,
    correlation_id: randomUUID(),
    causation_id: null,
    data: { session_id: sessionId, nested: { list: [1, 2], text: 'é' } },
  };
}

describe('PgEventLogStore', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: PgEventLogStore;

  beforeAll(async () => {
    database = await createTestDatabase('ws_gateway_log');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, migrations: [...CONSUMER_MIGRATIONS, ...LIVE_MIGRATIONS], extra: { max: 20 } }).initialize();
    await dataSource.runMigrations();
    store = new PgEventLogStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('appends once per event id and returns the stored row (occurred_at and payload exactly as given)', async () => {
    const sessionId = randomUUID();
    const event = entry(sessionId);
    const first = await store.append(event);
    const again = await store.append(event);
    expect(first).toEqual({ appended: true, event: { ...event, position: 1 } });
    expect(again).toEqual({ appended: false, event: { ...event, position: 1 } });
    expect(await store.readAfter(sessionId, 0, 10)).toEqual([{ ...event, position: 1 }]);
    expect(await store.head(sessionId)).toBe(1);
    expect(await store.positionOf(sessionId, event.event_id)).toBe(1);
    expect(await store.positionOf(randomUUID(), event.event_id)).toBeNull();
  });

  it('concurrent appends to one session get gap-free positions, and each position is visible only after all lower ones', async () => {
    const sessionId = randomUUID();
    const entries = Array.from({ length: 60 }, (_, index) => entry(sessionId, index + 1));
    // Watch the log while appending: every snapshot must be a gap-free prefix 1..n (commit order = position order).
    let watching = true;
    const snapshots: number[][] = [];
    const watcher = (async () => {
      while (watching) {
        const rows = await store.readAfter(sessionId, 0, 1_000);
        snapshots.push(rows.map((row) => row.position));
      }
    })();
    const results = await Promise.all(entries.map((e) => store.append(e)));
    // The same events delivered twice concurrently (a lease handover) stay logged once.
    const duplicates = await Promise.all(entries.slice(0, 10).map((e) => store.append(e)));
    watching = false;
    await watcher;
    expect(results.map((result) => result.event.position).sort((a, b) => a - b)).toEqual(entries.map((_, index) => index + 1));
    expect(duplicates.every((result) => !result.appended)).toBe(true);
    for (const snapshot of snapshots) expect(snapshot).toEqual(snapshot.map((_, index) => index + 1));
    expect(await store.head(sessionId)).toBe(60);
  });

  it('appends a batch in one transaction: positions in the given order per session, each event once', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const earlier = entry(a);
    await store.append(earlier);
    const batch = [entry(b, 1), entry(a, 2), earlier, entry(b, 2), entry(a, 3)];
    const results = await store.appendMany([...batch, batch[1]]); // batch[1] twice in one read (a relay retry)
    expect(results.map((r) => [r.event.event_id, r.event.position, r.appended])).toEqual([
      [batch[0].event_id, 1, true],
      [batch[1].event_id, 2, true],
      [earlier.event_id, 1, false],
      [batch[3].event_id, 2, true],
      [batch[4].event_id, 3, true],
      [batch[1].event_id, 2, false],
    ]);
    expect((await store.readAfter(a, 0, 10)).map((row) => row.event_id)).toEqual([earlier, batch[1], batch[4]].map((e) => e.event_id));
    expect((await store.readAfter(b, 0, 10)).map((row) => row.event_id)).toEqual([batch[0], batch[3]].map((e) => e.event_id));
    expect([await store.head(a), await store.head(b)]).toEqual([3, 2]);
    // concurrent batches over the same sessions (two partitions' readers) stay gap-free and never deadlock
    const more = await Promise.all([0, 1, 2, 3].map(() => store.appendMany([entry(a), entry(b), entry(a)])));
    expect(more.flat().every((r) => r.appended)).toBe(true);
    expect((await store.readAfter(a, 0, 100)).map((row) => row.position)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(await store.head(b)).toBe(6);
  });

  it('retention deletes rows older than the bound, in batches, and keeps newer ones', async () => {
    const sessionId = randomUUID();
    const old = await Promise.all([entry(sessionId), entry(sessionId), entry(sessionId)].map((e) => store.append(e)));
    const fresh = await store.append(entry(sessionId));
    await dataSource.query(`UPDATE session_event_log SET logged_at = now() - interval '2 hours' WHERE event_id = ANY($1)`, [old.map((r) => r.event.event_id)]);
    const retention = new EventLogRetention(store, { eventLogRetentionMs: 3_600_000, eventLogSweepIntervalMs: 60_000 } as never);
    expect(await retention.sweep()).toBeGreaterThanOrEqual(3);
    expect((await store.readAfter(sessionId, 0, 10)).map((row) => row.event_id)).toEqual([fresh.event.event_id]);
  });
});
