import type { EntityManager } from 'typeorm';

/** A column of a multi-row statement: its name and PostgreSQL type (the parameter is an array of it). */
export type Column = readonly [name: string, type: string];

/**
 * Rows for one table, inserted with `unnest` of one array parameter per column; with `conflict` (the key columns),
 * an upsert that overwrites the other columns. Rows must have distinct keys (a statement cannot update one row
 * twice): callers keep the last state per key.
 */
export interface TableWrite {
  table: string;
  columns: readonly Column[];
  rows: unknown[][];
  conflict?: readonly string[];
}

/**
 * Writes every table's rows with ONE statement, one round trip (each table's insert a data-modifying CTE; they
 * touch different tables, so the order among them does not matter).
 */
export async function writeAll(manager: EntityManager, writes: TableWrite[]): Promise<void> {
  const params: unknown[] = [];
  const inserts = writes.filter((write) => write.rows.length > 0).map((write) => insertSql(write, params));
  if (inserts.length === 0) return;
  const sql = inserts.length === 1 ? inserts[0] : `WITH ${inserts.map((insert, i) => `w${i} AS (${insert})`).join(', ')} SELECT 1`;
  await manager.query(sql, params);
}

function insertSql({ table, columns, rows, conflict }: TableWrite, params: unknown[]): string {
  const first = params.length + 1;
  for (let i = 0; i < columns.length; i++) params.push(rows.map((row) => row[i]));
  const names = columns.map(([name]) => name);
  const unnest = columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ');
  const update = names.filter((name) => !conflict?.includes(name)).map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  const onConflict = conflict ? ` ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${update}` : '';
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest})${onConflict}`;
}
