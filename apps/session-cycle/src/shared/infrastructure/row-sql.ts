import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface ColumnSql {
  property: string;
  /** Quoted column name. */
  column: string;
  /** jsonb: the driver sends JS arrays as PostgreSQL arrays, so the value goes as JSON text. */
  json: boolean;
}

interface TableSql {
  table: string;
  columns: ColumnSql[];
  byProperty: Map<string, ColumnSql>;
  selectList: string;
}

const tables = new Map<unknown, TableSql>();
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The entity's table and columns from TypeORM's metadata, read once per entity. The command path's row lock and
 * versioned update go out as plain parameterised SQL on the transaction's query runner: TypeORM's query builder
 * (building, aliasing and escaping the statement again on every call) was most of its cost on a rename (issue 17).
 * Only plain columns qualify (this service's entities: uuid, text, integer, timestamptz, jsonb; no transformers).
 */
function tableSql(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): TableSql {
  const known = tables.get(entity);
  if (known) return known;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.map((column) => {
    if (column.transformer || column.embeddedMetadata || column.relationMetadata) throw new Error(`row-sql: ${metadata.tableName}.${column.databaseName} is not a plain column`);
    return { property: column.propertyName, column: quote(column.databaseName), json: column.type === 'jsonb' || column.type === 'json' };
  });
  const sql: TableSql = {
    table: metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName),
    columns,
    byProperty: new Map(columns.map((column) => [column.property, column])),
    selectList: columns.map((column) => `${column.column} AS ${quote(column.property)}`).join(', '),
  };
  tables.set(entity, sql);
  return sql;
}

function column(sql: TableSql, property: string): ColumnSql {
  const found = sql.byProperty.get(property);
  if (!found) throw new Error(`row-sql: no column for ${property}`);
  return found;
}

/** The row matching every `where` value (equality), row-locked FOR UPDATE in the manager's transaction. */
export async function findLocked<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, where: Partial<T>): Promise<T | undefined> {
  const sql = tableSql(manager, entity);
  const keys = Object.keys(where);
  const condition = keys.map((key, index) => `${column(sql, key).column} = $${index + 1}`).join(' AND ');
  const rows: T[] = await manager.query(`SELECT ${sql.selectList} FROM ${sql.table} WHERE ${condition} LIMIT 1 FOR UPDATE`, keys.map((key) => where[key]));
  return rows[0];
}

/** UPDATE of the row whose `key` columns all match: `changes` (undefined properties are left as they are); returns the rows changed. */
export async function updateWhere<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, key: Partial<T>, changes: Partial<T>): Promise<number> {
  const sql = tableSql(manager, entity);
  const params: unknown[] = [];
  const set = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => {
      const target = column(sql, property);
      params.push(target.json && value !== null ? JSON.stringify(value) : value);
      return `${target.column} = $${params.length}`;
    });
  const condition = Object.entries(key).map(([property, value]) => {
    params.push(value);
    return `${column(sql, property).column} = $${params.length}`;
  });
  const runner = manager.queryRunner;
  if (!runner) throw new Error('row-sql: updateWhere needs the transaction manager');
  const result = await runner.query(`UPDATE ${sql.table} SET ${set.join(', ')} WHERE ${condition.join(' AND ')}`, params, true);
  return result.affected ?? 0;
}
