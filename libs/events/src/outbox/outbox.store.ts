import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  aggregate_id: string;
  envelope: string;
  pending?: boolean;
}

const ROW_COLUMNS = 'id, event_id, event_type, aggregate_id, envelope';

/**
 * The relay's SQL. Partitions are `aggregate_hash % partitions`, the stream layout's own partitioning.
 * Passes use a raw pooled connection of the service's DataSource so a whole claim is one round trip.
 */
export class OutboxStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partitions: number,
    /** Advisory-lock namespace (first key), so two layouts in one database never block each other. */
    private readonly lockSpace: number,
  ) {
    for (const value of [partitions, lockSpace]) if (!Number.isInteger(value)) throw new Error('outbox store: integer settings expected');
  }

  /** Runs `work` on one pooled connection; a connection that failed mid-transaction is discarded, not reused. */
  async withConnection<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const [client, release] = (await (this.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [PoolClient, (error?: unknown) => void];
    let broken: unknown;
    // A checked-out client's connection errors (a terminated backend) are ours to handle, or they crash the process.
    const onError = (error: unknown) => (broken = error);
    client.on('error', onError);
    try {
      if (broken) throw broken;
      return await work(client);
    } catch (error) {
      // Leave no transaction open on a pooled connection: roll back, or discard the connection if that fails.
      if (!broken) broken = await client.query('ROLLBACK').then(() => undefined, () => error);
      throw error;
    } finally {
      client.removeListener('error', onError);
      release(broken);
    }
  }

  /** Partitions that have unpublished rows among the oldest `scan` ones (no transaction, no locks). */
  async pendingPartitions(scan: number): Promise<number[]> {
    const rows: Array<{ p: number }> = await this.dataSource.query(
      `SELECT DISTINCT (aggregate_hash % $1)::int AS p
         FROM (SELECT aggregate_hash FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT $2) pending`,
      [this.partitions, scan],
    );
    return rows.map((row) => row.p);
  }

  /**
   * Opens the pass's transaction (its commit need not wait for the WAL flush: a lost publication mark only means the
   * rows are published again) and, in the same round trip, takes transaction-scoped advisory locks on up to `max` of
   * `candidates` (without waiting: a Limit straight over the function scan stops taking locks once it has `max`) and
   * claims the oldest unpublished rows of the locked partitions by setting `published_at`. Nothing is visible to
   * others until COMMIT, which the relay sends only after Redis confirmed every XADD; on failure it rolls back.
   *
   * The statement's snapshot predates the locks it takes, so it may list rows another relay has just published;
   * UPDATE re-checks `published_at IS NULL` on the latest committed version (READ COMMITTED) and skips them.
   * Selecting by state, not by an id watermark, is what closes the outbox gap: a row whose transaction took an early
   * id but committed late is simply unpublished on a later pass, and ids burnt by rollbacks never exist.
   * Returns the locked partitions and the claimed rows in id order (RETURNING has no order of its own).
   * A queue table's statistics are always stale, and with a low row estimate the planner reads the whole backlog
   * (bitmap scan + top-N sort) on every pass; with bitmap scans and sorts off for this transaction it walks the
   * pending-rows index in id order and stops after `limit` matches.
   * Only integers we produce are inlined (the simple protocol, which allows several statements in one round trip,
   * takes no parameters).
   */
  async beginAndClaim(client: PoolClient, candidates: number[], max: number, limit: number): Promise<{ locked: number[]; rows: OutboxRow[] }> {
    const list = candidates.map((value) => String(integer(value))).join(',');
    const results = (await client.query(`BEGIN;
      SET LOCAL synchronous_commit TO off;
      SET LOCAL enable_bitmapscan TO off;
      SET LOCAL enable_sort TO off;
      WITH locked AS MATERIALIZED (
        SELECT p FROM unnest('{${list}}'::int[]) AS c(p) WHERE pg_try_advisory_xact_lock(${integer(this.lockSpace)}, p) LIMIT ${integer(max)}
      ), claimed AS (
        UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE published_at IS NULL AND id IN (
           SELECT id FROM outbox_events
            WHERE published_at IS NULL AND (aggregate_hash % ${integer(this.partitions)})::int = ANY(ARRAY(SELECT p FROM locked))
            ORDER BY id LIMIT ${integer(limit)})
         RETURNING ${ROW_COLUMNS}
      )
      SELECT NULL::int AS locked_partition, ${ROW_COLUMNS} FROM claimed
      UNION ALL
      SELECT p, NULL, NULL, NULL, NULL, NULL FROM locked`)) as unknown as Array<{ rows: Array<OutboxRow & { locked_partition: number | null }> }>;
    const locked: number[] = [];
    const rows: OutboxRow[] = [];
    for (const row of results[results.length - 1].rows) {
      if (row.locked_partition !== null) locked.push(row.locked_partition);
      else rows.push({ id: row.id, event_id: row.event_id, event_type: row.event_type, aggregate_id: row.aggregate_id, envelope: row.envelope });
    }
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    return { locked, rows };
  }

  async commit(client: PoolClient): Promise<void> {
    await client.query('COMMIT');
  }

  async rollback(client: PoolClient): Promise<void> {
    await client.query('ROLLBACK');
  }

  async recordFailure(ids: string[], error: string): Promise<void> {
    await this.dataSource.query('UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [ids, error.slice(0, 500)]);
  }

  /** Blocks until this partition's lock is ours (republishing waits for a running pass to finish). */
  async beginAndLockPartition(client: PoolClient, partition: number): Promise<void> {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [this.lockSpace, partition]);
  }

  /** Rows of one partition for re-publishing: published at or after `since`, or not yet published; keyset paged. */
  async rowsToRepublish(client: PoolClient, partition: number, since: Date, afterId: string, limit: number): Promise<OutboxRow[]> {
    const result = await client.query(
      `SELECT ${ROW_COLUMNS}, published_at IS NULL AS pending FROM outbox_events
        WHERE (aggregate_hash % $1)::int = $2 AND id > $3::bigint AND (published_at IS NULL OR published_at >= $4)
        ORDER BY id LIMIT $5`,
      [this.partitions, partition, afterId, since.toISOString(), limit],
    );
    return result.rows as OutboxRow[];
  }

  async markPublished(client: PoolClient, ids: string[]): Promise<void> {
    await client.query('UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [ids]);
  }

  /** Deletes up to `limit` published rows older than the retention; returns how many. Oldest ids first (PK order). */
  async deletePublishedBefore(retentionMs: number, limit: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH doomed AS (
         DELETE FROM outbox_events WHERE id IN (
           SELECT id FROM outbox_events WHERE published_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM doomed`,
      [retentionMs / 1000, limit],
    );
    return rows[0].n;
  }

  async pendingStats(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const rows: Array<{ n: string; age: string | null }> = await this.dataSource.query(
      `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(created_at)) AS age FROM outbox_events WHERE published_at IS NULL`,
    );
    return { count: Number(rows[0].n), oldestAgeSeconds: rows[0].age === null ? 0 : Math.max(0, Number(rows[0].age)) };
  }
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`outbox store: ${value} is not an integer`);
  return value;
}
