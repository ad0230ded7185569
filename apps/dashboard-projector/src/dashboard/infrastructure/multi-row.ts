import type { EntityManager } from 'typeorm';

/** A column of a multi-row statement: its name and PostgreSQL type (`jsonb` columns take the value itself, not its JSON). */
export type Column = readonly [name: string, type: string];

/**
 * Rows for one table, sent as ONE JSON array of rows (each row an array of its column values) and spread with
 * `jsonb_array_elements`: one JSON.stringify for the whole table, where one array parameter per column would
 * escape every quote of every document for PostgreSQL's array syntax. With `conflict` (the key columns), an upsert
 * that overwrites the other columns. Rows must have distinct keys (a statement cannot update one row twice):
 * callers keep the last state per key.
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
  params.push(JSON.stringify(rows));
  const n = params.length;
  const names = columns.map(([name]) => name);
  // a jsonb column takes the element as it is; any other its text, cast (JSON null gives SQL NULL either way)
  const values = columns.map(([, type], i) => (type === 'jsonb' ? `NULLIF(r->${i}, 'null'::jsonb)` : `(r->>${i})::${type}`)).join(', ');
  const update = names.filter((name) => !conflict?.includes(name)).map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  const onConflict = conflict ? ` ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${update}` : '';
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${values} FROM jsonb_array_elements($${n}::jsonb) AS r${onConflict}`;
}
