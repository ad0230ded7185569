import type { EntityManager } from 'typeorm';

/** A column of a multi-row statement: its name and PostgreSQL type (the parameter is an array of it). */
export type Column = readonly [name: string, type: string];

/**
 * Inserts many rows with ONE statement (`unnest` of one array parameter per column); with `conflict` (the key
 * columns), an upsert that overwrites the other columns. Rows must have distinct keys (a statement cannot update one
 * row twice): callers keep the last state per key.
 */
export async function insertMany(manager: EntityManager, table: string, columns: readonly Column[], rows: unknown[][], conflict?: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const params = columns.map((_, i) => rows.map((row) => row[i]));
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const update = names.filter((name) => !conflict?.includes(name)).map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  const onConflict = conflict ? ` ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${update}` : '';
  await manager.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest})${onConflict}`, params);
}
