import type { AnyEvent } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import type { ComponentType } from '../domain/component-types';
import type { AnalysisRecord, ComponentHistoryEntry, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from '../domain/read-model';
import type { ReadModelBatch, SequenceGap } from '../domain/read-model.store';
import { aggregateKey, sequenceSourceOf, SequenceSource } from '../domain/sequence-position';
import { Column, TableWrite, writeAll } from './multi-row';

/** One record kind: its table, the columns it is read by and written with, and the ids its events name. */
export interface Kind<R> {
  table: string;
  /** The column the batch loads rows by (every row of a cycle for components). */
  loadBy: string;
  columns: readonly Column[];
  conflict: readonly string[];
  row(record: R): unknown[];
  key(record: R): string;
}

const lower = (id: string) => id.toLowerCase();

const SESSIONS: Kind<SessionRecord> = {
  table: 'dashboard_sessions', loadBy: 'session_id', conflict: ['session_id'],
  columns: [['session_id', 'uuid'], ['user_id', 'text'], ['doc', 'jsonb']],
  row: (r) => [r.session_id, r.user_id, r], key: (r) => lower(r.session_id),
};
const CYCLES: Kind<CycleRecord> = {
  table: 'dashboard_cycles', loadBy: 'cycle_id', conflict: ['cycle_id'],
  columns: [['cycle_id', 'uuid'], ['session_id', 'uuid'], ['doc', 'jsonb']],
  row: (r) => [r.cycle_id, r.session_id, r], key: (r) => lower(r.cycle_id),
};
const COMPONENTS: Kind<ComponentRecord> = {
  table: 'dashboard_components', loadBy: 'cycle_id', conflict: ['cycle_id', 'component_type'],
  columns: [['cycle_id', 'uuid'], ['component_type', 'text'], ['session_id', 'uuid'], ['doc', 'jsonb']],
  row: (r) => [r.cycle_id, r.component_type, r.session_id, r], key: (r) => componentKey(r.cycle_id, r.component_type),
};
const CONVERSATIONS: Kind<ConversationRecord> = {
  table: 'dashboard_conversations', loadBy: 'conversation_id', conflict: ['conversation_id'],
  columns: [['conversation_id', 'uuid'], ['session_id', 'uuid'], ['doc', 'jsonb']],
  row: (r) => [r.conversation_id, r.session_id, r], key: (r) => lower(r.conversation_id),
};
const ANALYSES: Kind<AnalysisRecord> = {
  table: 'dashboard_analyses', loadBy: 'cycle_id', conflict: ['cycle_id'],
  columns: [['cycle_id', 'uuid'], ['session_id', 'uuid'], ['doc', 'jsonb']],
  row: (r) => [r.cycle_id, r.session_id, r], key: (r) => lower(r.cycle_id),
};
/** The record tables, by record kind. */
export const RECORD_TABLES = { session: SESSIONS, cycle: CYCLES, component: COMPONENTS, conversation: CONVERSATIONS, analysis: ANALYSES };
export const HISTORY_COLUMNS: readonly Column[] = [['cycle_id', 'uuid'], ['sequence', 'int'], ['component_type', 'text'], ['session_id', 'uuid'], ['occurred_at', 'text'], ['doc', 'jsonb']];
const GAP_COLUMNS: readonly Column[] = [['source', 'text'], ['aggregate_key', 'text'], ['expected', 'int'], ['received', 'int'], ['event_id', 'uuid'], ['event_type', 'text']];
export const POSITION_COLUMNS: readonly Column[] = [['source', 'text'], ['aggregate_key', 'text'], ['last_sequence', 'int']];

export function historyRow({ sequence, occurred_at, record }: ComponentHistoryEntry): unknown[] {
  return [record.cycle_id, sequence, record.component_type, record.session_id, occurred_at, record];
}

function componentKey(cycleId: string, type: string): string {
  return `${lower(cycleId)}|${type}`;
}

/** The records of one kind the batch read or wrote: loaded once, changed in memory, written once. */
class Records<R> {
  readonly byKey = new Map<string, R>();
  readonly dirty = new Map<string, R>();
  /** `loadBy` values whose rows are in byKey (a key missing from byKey then has no row). */
  private readonly loaded = new Set<string>();

  constructor(private readonly kind: Kind<R>) {}

  /** The `loadBy` values among `ids` whose rows are not read yet, and the SELECT that reads them (its ids: parameter `$n`). */
  wanted(ids: Iterable<string>, n: number): { ids: string[]; sql: string } {
    return { ids: [...new Set([...ids].map(lower))].filter((id) => !this.loaded.has(id)), sql: `SELECT doc FROM ${this.kind.table} WHERE ${this.kind.loadBy} = ANY($${n}::uuid[])` };
  }

  /** Takes the rows read for `ids` (every row of those ids: an id without a row has none). */
  take(ids: string[], docs: R[]): void {
    for (const doc of docs) this.byKey.set(this.kind.key(doc), doc);
    for (const id of ids) this.loaded.add(id);
  }

  async get(manager: EntityManager, loadId: string, key: string): Promise<R | undefined> {
    if (!this.loaded.has(lower(loadId))) await loadRecords(manager, [[this as Records<unknown>, [loadId]]]);
    return this.byKey.get(key);
  }

  save(record: R): void {
    const key = this.kind.key(record);
    this.byKey.set(key, record);
    this.dirty.set(key, record);
  }

  write(): TableWrite {
    return { table: this.kind.table, columns: this.kind.columns, rows: [...this.dirty.values()].map(this.kind.row), conflict: this.kind.conflict };
  }
}

/**
 * Reads the rows of several record kinds with ONE statement (a UNION ALL of one SELECT per kind, each row tagged with
 * its kind's position in the list). Record rows are not locked: each is written only by its own aggregate's events,
 * whose position the batch has locked before.
 */
async function loadRecords(manager: EntityManager, wanted: ReadonlyArray<readonly [Records<unknown>, Iterable<string>]>): Promise<void> {
  const parts: { records: Records<unknown>; ids: string[]; sql: string }[] = [];
  for (const [records, ids] of wanted) {
    const part = records.wanted(ids, parts.length + 1);
    if (part.ids.length > 0) parts.push({ records, ...part });
  }
  if (parts.length === 0) return;
  const sql = parts.map((part, i) => `SELECT ${i} AS part, doc FROM (${part.sql}) AS p${i}`).join(' UNION ALL ');
  const rows: { part: number; doc: unknown }[] = await manager.query(sql, parts.map((part) => part.ids));
  const docs = parts.map(() => [] as unknown[]);
  for (const row of rows) docs[row.part].push(row.doc);
  parts.forEach((part, i) => part.records.take(part.ids, docs[i]));
}

/** The payload ids an event's records are found by, per record kind (its event type's module). */
function loadIds(event: AnyEvent): { kind: 'session' | 'cycle' | 'component' | 'conversation' | 'analysis'; id: unknown } | undefined {
  const payload = event.payload as Record<string, unknown>;
  switch (event.event_type.split('.')[0]) {
    case 'session': return { kind: 'session', id: payload.session_id };
    case 'cycle': return { kind: 'cycle', id: payload.cycle_id };
    case 'component': return { kind: 'component', id: payload.cycle_id };
    case 'conversation': return { kind: 'conversation', id: payload.conversation_id };
    case 'analysis': return { kind: 'analysis', id: payload.cycle_id };
    default: return undefined;
  }
}

/**
 * The read model for a batch of events, in the handler's transaction: `load` locks the positions with one statement,
 * then reads the records the events touch, every table in one statement; the projection then runs event after event in memory, in
 * stream order, and `flush` writes what changed with one multi-row statement per table. The outcome is the one
 * PgReadModelStore gives applying the events one by one.
 */
export class PgBatchReadModelStore implements ReadModelBatch {
  private readonly positions = new Map<string, number>();
  private readonly dirtyPositions = new Map<string, [SequenceSource, string, number]>();
  private readonly lockedPositions = new Set<string>();
  private readonly gaps: SequenceGap[] = [];
  private readonly history: ComponentHistoryEntry[] = [];
  private readonly records = {
    session: new Records(RECORD_TABLES.session),
    cycle: new Records(RECORD_TABLES.cycle),
    component: new Records(RECORD_TABLES.component),
    conversation: new Records(RECORD_TABLES.conversation),
    analysis: new Records(RECORD_TABLES.analysis),
  };

  private constructor(private readonly manager: EntityManager) {}

  static async load(manager: EntityManager, events: AnyEvent[]): Promise<PgBatchReadModelStore> {
    const store = new PgBatchReadModelStore(manager);
    await store.lockPositions(events.flatMap((event) => {
      const source = sequenceSourceOf(event.event_type);
      return source ? [[source, aggregateKey(event.aggregate_type, event.aggregate_id)] as const] : [];
    }));
    const ids = new Map<keyof PgBatchReadModelStore['records'], string[]>();
    for (const event of events) {
      const wanted = loadIds(event);
      if (wanted && typeof wanted.id === 'string') ids.set(wanted.kind, [...(ids.get(wanted.kind) ?? []), wanted.id]);
    }
    await loadRecords(manager, [...ids].map(([kind, list]) => [store.records[kind] as Records<unknown>, list] as const));
    return store;
  }

  /** Reads the positions for update, in key order (two transactions lock shared keys in the same order). */
  private async lockPositions(keys: ReadonlyArray<readonly [SequenceSource, string]>): Promise<void> {
    const wanted = [...new Map(keys.map(([source, key]) => [`${source}|${key}`, [source, key] as const])).entries()].filter(([id]) => !this.lockedPositions.has(id));
    if (wanted.length === 0) return;
    const rows: { source: string; aggregate_key: string; last_sequence: number }[] = await this.manager.query(
      `SELECT source, aggregate_key, last_sequence FROM dashboard_positions
       WHERE (source, aggregate_key) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY source, aggregate_key FOR UPDATE`,
      [wanted.map(([, [source]]) => source), wanted.map(([, [, key]]) => key)],
    );
    for (const row of rows) this.positions.set(`${row.source}|${row.aggregate_key}`, row.last_sequence);
    for (const [id] of wanted) this.lockedPositions.add(id);
  }

  async lastSequence(source: SequenceSource, key: string): Promise<number | undefined> {
    await this.lockPositions([[source, key]]);
    return this.positions.get(`${source}|${key}`);
  }

  async saveSequence(source: SequenceSource, key: string, sequence: number): Promise<void> {
    this.positions.set(`${source}|${key}`, sequence);
    this.dirtyPositions.set(`${source}|${key}`, [source, key, sequence]);
  }

  async recordGap(gap: SequenceGap): Promise<void> {
    this.gaps.push(gap);
  }

  session(id: string) {
    return this.records.session.get(this.manager, id, lower(id));
  }
  async saveSession(record: SessionRecord) {
    this.records.session.save(record);
  }
  cycle(id: string) {
    return this.records.cycle.get(this.manager, id, lower(id));
  }
  async saveCycle(record: CycleRecord) {
    this.records.cycle.save(record);
  }
  component(cycleId: string, type: ComponentType) {
    return this.records.component.get(this.manager, cycleId, componentKey(cycleId, type));
  }
  async saveComponent(record: ComponentRecord, entry: ComponentHistoryEntry) {
    this.records.component.save(record);
    this.history.push(entry);
  }
  conversation(id: string) {
    return this.records.conversation.get(this.manager, id, lower(id));
  }
  async saveConversation(record: ConversationRecord) {
    this.records.conversation.save(record);
  }
  analysis(cycleId: string) {
    return this.records.analysis.get(this.manager, cycleId, lower(cycleId));
  }
  async saveAnalysis(record: AnalysisRecord) {
    this.records.analysis.save(record);
  }

  /** Writes everything the batch changed, every table with one statement. */
  async flush(): Promise<void> {
    await writeAll(this.manager, [
      ...Object.values(this.records).map((records) => records.write()),
      { table: 'dashboard_component_history', columns: HISTORY_COLUMNS, rows: this.history.map(historyRow) },
      { table: 'dashboard_sequence_gaps', columns: GAP_COLUMNS, rows: this.gaps.map((g) => [g.source, g.aggregate_key, g.expected, g.received, g.event_id, g.event_type]) },
      { table: 'dashboard_positions', columns: POSITION_COLUMNS, rows: [...this.dirtyPositions.values()], conflict: ['source', 'aggregate_key'] },
    ]);
  }
}
