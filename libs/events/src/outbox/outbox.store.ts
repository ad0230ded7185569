import type { DataSource, QueryRunner } from 'typeorm';

export interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  aggregate_id: string;
  envelope: string;
  pending?: boolean;
}

/** The relay's SQL. Partitions are `aggregate_hash % partitions`, the stream layout's own partitioning. */
export class OutboxStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partitions: number,
    /** Advisory-lock namespace (first key), so two layouts in one database never block each other. */
    private readonly lockSpace: number,
  ) {}

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
   * Takes transaction-scoped advisory locks on up to `max` of `candidates` without waiting; returns the ones taken.
   * A relay that crashes or loses its connection loses its locks with its transaction.
   */
  async tryLockPartitions(runner: QueryRunner, candidates: number[], max: number): Promise<number[]> {
    const rows: Array<{ p: number }> = await runner.query(
      // A Limit straight over the function scan stops calling the lock function once `max` locks are held.
      'SELECT p FROM unnest($2::int[]) AS c(p) WHERE pg_try_advisory_xact_lock($1::int, p) LIMIT $3',
      [this.lockSpace, candidates, max],
    );
    return rows.map((row) => row.p);
  }

  async lockPartition(runner: QueryRunner, partition: number): Promise<void> {
    await runner.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [this.lockSpace, partition]);
  }

  /**
   * The oldest unpublished rows of the locked partitions, in id order. Selecting by state, not by an id watermark,
   * is what closes the outbox gap: a row whose transaction took an early id but committed late is simply
   * unpublished on a later pass, and ids burnt by rollbacks never exist to wait for.
   */
  async pendingRows(runner: QueryRunner, partitions: number[] | 'all', limit: number): Promise<OutboxRow[]> {
    if (partitions === 'all') {
      return runner.query('SELECT id, event_id, event_type, aggregate_id, envelope FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT $1', [limit]);
    }
    return runner.query(
      `SELECT id, event_id, event_type, aggregate_id, envelope FROM outbox_events
        WHERE published_at IS NULL AND (aggregate_hash % $1)::int = ANY($2::int[])
        ORDER BY id LIMIT $3`,
      [this.partitions, partitions, limit],
    );
  }

  async markPublished(runner: QueryRunner, ids: string[]): Promise<void> {
    // A mark lost in a PostgreSQL crash only means the rows are published again (consumers deduplicate), so the
    // relay's transaction need not wait for its WAL flush; the writers' transactions keep full durability.
    await runner.query("SELECT set_config('synchronous_commit', 'off', true)");
    await runner.query(
      `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY($1::bigint[]) AND published_at IS NULL`,
      [ids],
    );
  }

  async recordFailure(runner: QueryRunner, ids: string[], error: string): Promise<void> {
    await runner.query('UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [ids, error.slice(0, 500)]);
  }

  /** Rows of one partition for re-publishing: published at or after `since`, or not yet published; keyset paged. */
  async rowsToRepublish(runner: QueryRunner, partition: number, since: Date, afterId: string, limit: number): Promise<OutboxRow[]> {
    return runner.query(
      `SELECT id, event_id, event_type, aggregate_id, envelope, published_at IS NULL AS pending FROM outbox_events
        WHERE (aggregate_hash % $1)::int = $2 AND id > $3::bigint AND (published_at IS NULL OR published_at >= $4)
        ORDER BY id LIMIT $5`,
      [this.partitions, partition, afterId, since.toISOString(), limit],
    );
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
