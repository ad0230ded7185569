import { createTestDatabase, TEST_REDIS_URL, uniqueName } from '@choice-sherpa/platform/testing';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { OutboxWriter } from './outbox-writer';
import { createOutboxDataSource, pendingEvent } from './testing/outbox-harness';

it('profile', async () => {
  const database = await createTestDatabase('zz');
  const ds = await createOutboxDataSource(database.url, 12);
  const writer = new OutboxWriter();
  const evs = Array.from({ length: 20000 }, (_, i) => pendingEvent(`agg-${i % 200}`));
  let t = performance.now();
  for (let k = 0; k < evs.length; k += 500) await ds.transaction((m) => writer.append(m, evs.slice(k, k + 500)));
  console.log('write 20k in 500s ms', performance.now() - t);
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniqueName('zz');
  const times: Record<string, number> = { cand: 0, begin: 0, lock: 0, select: 0, xadd: 0, update: 0, commit: 0 };
  for (let pass = 0; pass < 20; pass++) {
    const qr = ds.createQueryRunner(); await qr.connect();
    let s = performance.now();
    const c = await ds.query(`SELECT DISTINCT (aggregate_hash % 8)::int AS p FROM (SELECT aggregate_hash FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT 2000) x`);
    times.cand += performance.now() - s; s = performance.now();
    await qr.startTransaction(); times.begin += performance.now() - s; s = performance.now();
    const l = await qr.query('SELECT p FROM unnest($2::int[]) AS c(p) WHERE pg_try_advisory_xact_lock($1::int, p) LIMIT $3', [1, c.map((r: any) => r.p), 4]);
    times.lock += performance.now() - s; s = performance.now();
    const rows = await qr.query(`SELECT id, event_id, event_type, aggregate_id, envelope FROM outbox_events WHERE published_at IS NULL AND (aggregate_hash % 8)::int = ANY($1::int[]) ORDER BY id LIMIT 500`, [l.map((r: any) => r.p)]);
    times.select += performance.now() - s; s = performance.now();
    const pl = redis.pipeline(); for (const r of rows) pl.xadd(`${prefix}:${r.aggregate_id}`, '*', 'type', r.event_type, 'data', r.envelope); await pl.exec();
    times.xadd += performance.now() - s; s = performance.now();
    await qr.query('UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [rows.map((r: any) => r.id)]);
    times.update += performance.now() - s; s = performance.now();
    await qr.commitTransaction(); times.commit += performance.now() - s;
    await qr.release();
  }
  console.log(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, (v / 20).toFixed(2)])));
  const keys = await redis.keys(`${prefix}:*`); if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await ds.destroy(); await database.drop();
}, 120000);
