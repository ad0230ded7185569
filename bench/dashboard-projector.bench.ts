import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import type { AnyEvent } from '@choice-sherpa/events';
import { recordProcessed } from '@choice-sherpa/events/consumer/run-idempotent';
import { streamFor } from '@choice-sherpa/events/streams/stream-layout';
import { RedisStreamsServer, SERVER_DEFAULTS } from '@choice-sherpa/events/transport';
import { TransactionScope } from '@choice-sherpa/events/transaction';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createTestDatabase, uniqueName } from '@choice-sherpa/platform/testing';
import { ProjectDashboardEvent } from '../apps/dashboard-projector/src/dashboard/application/project-dashboard-event';
import type { ComponentHistoryEntry, ComponentRecord } from '../apps/dashboard-projector/src/dashboard/domain/read-model';
import { InMemoryReadModelStore } from '../apps/dashboard-projector/src/dashboard/testing/in-memory-read-model.store';
import { PROJECTED_EVENT_TYPES, projectEvent } from '../apps/dashboard-projector/src/dashboard/domain/project-event';
import type { SequenceSource } from '../apps/dashboard-projector/src/dashboard/domain/sequence-position';
import { DASHBOARD_MIGRATIONS } from '../apps/dashboard-projector/src/dashboard/infrastructure/dashboard.migrations';
import { writeAll } from '../apps/dashboard-projector/src/dashboard/infrastructure/multi-row';
import { HISTORY_COLUMNS, historyRow, Kind, POSITION_COLUMNS, RECORD_TABLES } from '../apps/dashboard-projector/src/dashboard/infrastructure/pg-batch-read-model.store';
import { DASHBOARD_HANDLER, DashboardEventsConsumer } from '../apps/dashboard-projector/src/dashboard/interface/dashboard-events.consumer';
import { journeyMix } from './support/journey-mix';
import { naiveDrain, slicesOf } from './support/naive-consumer';
import { writeResults } from './support/report';
import { until } from './support/transport-workload';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** 78 events each; PROJECTOR_BENCH_JOURNEYS for smoke runs. */
const JOURNEYS = Number(process.env.PROJECTOR_BENCH_JOURNEYS ?? 300);
const PARTITIONS = 8;

/**
 * The dashboard projector draining a backlog of whole journeys' events (one process, the transport over Redis, its
 * batch handler: one transaction per read), beside the naive batched bound measured in the same run: the same rows
 * the projection produces, written by hand from memory with one multi-row statement per transaction of as many events.
 */
export async function run(): Promise<void> {
  const database = await createTestDatabase('bench_dashboard');
  const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: DASHBOARD_MIGRATIONS, poolSize: 20 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  try {
    const projector = await drain(dataSource, journeyMix(JOURNEYS));
    const bound = await naiveBatchedBound(dataSource, journeyMix(JOURNEYS));
    writeResults('dashboard-projector', {
      load_average_1m: Math.round(os.loadavg()[0] * 100) / 100,
      events: JOURNEYS * 78,
      projector_events_per_s: projector,
      naive_batched_bound_events_per_s: bound,
      projector_vs_bound: Math.round((projector / bound) * 100) / 100,
      aim_events_per_s: 10_000,
    });
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

async function drain(dataSource: DataSource, events: AnyEvent[]): Promise<number> {
  const layout = { prefix: uniqueName('bench-dash'), partitions: PARTITIONS };
  const client = new RedisStreamsClient({ url: REDIS_URL, layout });
  const redis = await client.connect();
  const pipeline = redis.pipeline();
  for (const event of events) pipeline.xadd(streamFor(layout, event.aggregate_id), '*', 'type', event.event_type, 'data', JSON.stringify(event));
  await pipeline.exec();
  const server = new RedisStreamsServer({ url: REDIS_URL, group: 'dashboard-projector', layout, dataSource, replica: uniqueName('bench'), blockMs: 1_000, renewIntervalMs: 500, leaseTtlMs: 5_000 });
  // The app's consumer and use case, registered as Nest's listener registers @OnStreamEvent (its pipeline left out).
  const consumer = new DashboardEventsConsumer(new ProjectDashboardEvent(), new TransactionScope(dataSource));
  for (const type of PROJECTED_EVENT_TYPES) {
    server.addHandler(type, (batch: AnyEvent[]) => consumer.onEvents(batch), true, { handler: DASHBOARD_HANDLER, batch: true });
  }
  const started = performance.now();
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
  const processed = async () => (await dataSource.query('SELECT count(*)::int AS n FROM processed_events WHERE handler = $1', [DASHBOARD_HANDLER]))[0].n as number;
  let done = 0;
  // counted every 50 ms: polling harder would load the database it measures
  await until(() => done >= events.length, 300_000, async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    done = await processed();
  });
  const eventsPerSecond = events.length / ((performance.now() - started) / 1000);
  await server.close();
  const keys = await redis.keys(`${layout.prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await client.close();
  return Math.round(eventsPerSecond);
}

/** What one transaction of the bound writes: the last state of every record the slice changed, its history and positions. */
interface SliceRows {
  records: Map<keyof typeof RECORD_TABLES, Map<string, object>>;
  history: ComponentHistoryEntry[];
  positions: Map<string, [SequenceSource, string, number]>;
}

/** The projection in memory, noting per slice what it saved (computed before the clock starts). */
class SliceRecorder extends InMemoryReadModelStore {
  current: SliceRows = emptySlice();
  private note(kind: keyof typeof RECORD_TABLES, record: object): void {
    const table = RECORD_TABLES[kind] as unknown as Kind<object>;
    this.current.records.get(kind)!.set(table.key(record), record);
  }
  override async saveSequence(source: SequenceSource, key: string, sequence: number) {
    await super.saveSequence(source, key, sequence);
    this.current.positions.set(`${source}|${key}`, [source, key, sequence]);
  }
  override async saveSession(record: Parameters<InMemoryReadModelStore['saveSession']>[0]) {
    await super.saveSession(record);
    this.note('session', record);
  }
  override async saveCycle(record: Parameters<InMemoryReadModelStore['saveCycle']>[0]) {
    await super.saveCycle(record);
    this.note('cycle', record);
  }
  override async saveComponent(record: ComponentRecord, entry: ComponentHistoryEntry) {
    await super.saveComponent(record, entry);
    this.note('component', record);
    this.current.history.push(entry);
  }
  override async saveConversation(record: Parameters<InMemoryReadModelStore['saveConversation']>[0]) {
    await super.saveConversation(record);
    this.note('conversation', record);
  }
  override async saveAnalysis(record: Parameters<InMemoryReadModelStore['saveAnalysis']>[0]) {
    await super.saveAnalysis(record);
    this.note('analysis', record);
  }
}

function emptySlice(): SliceRows {
  return { records: new Map(Object.keys(RECORD_TABLES).map((kind) => [kind as keyof typeof RECORD_TABLES, new Map()])), history: [], positions: new Map() };
}

async function naiveBatchedBound(dataSource: DataSource, events: AnyEvent[]): Promise<number> {
  const perTransaction = SERVER_DEFAULTS.batchSize;
  const rows = new Map<string, SliceRows>();
  for (const slices of slicesOf(events, PARTITIONS, perTransaction)) {
    const recorder = new SliceRecorder();
    for (const slice of slices) {
      recorder.current = emptySlice();
      for (const event of slice) await projectEvent(recorder, event);
      rows.set(slice[0].event_id, recorder.current);
    }
  }
  return naiveDrain(dataSource, events, { partitions: PARTITIONS, perTransaction, handler: 'naive-batched' }, async (manager: EntityManager, slice, handler) => {
    const mine = rows.get(slice[0].event_id)!;
    await recordProcessed(manager, handler, slice.map((event) => event.event_id));
    const records = [...mine.records].map(([kind, byKey]) => {
      const table = RECORD_TABLES[kind] as unknown as Kind<object>;
      return { table: table.table, columns: table.columns, rows: [...byKey.values()].map((record) => table.row(record)), conflict: table.conflict };
    });
    await writeAll(manager, [
      ...records,
      { table: 'dashboard_component_history', columns: HISTORY_COLUMNS, rows: mine.history.map(historyRow) },
      { table: 'dashboard_positions', columns: POSITION_COLUMNS, rows: [...mine.positions.values()], conflict: ['source', 'aggregate_key'] },
    ]);
  });
}
