import type { DataSource } from 'typeorm';
import type { EmptiedReadModel, ReadModelReset } from '../application/read-model-reset.port';
import { READ_MODEL_TABLES } from './dashboard.migrations';
import { PgReadModelStore } from './pg-read-model.store';

/** The rebuild's transaction in PostgreSQL: the read model's tables and the handler's processed_events, emptied. */
export class PgReadModelReset implements ReadModelReset {
  constructor(
    private readonly dataSource: DataSource,
    /** The projection's processed_events key. */
    private readonly handler: string,
  ) {}

  inEmptiedReadModel<T>(work: (model: EmptiedReadModel) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // processed_events first: a consumer's transaction takes it first too, so the rebuild queues behind it, no deadlock
      await manager.query(`LOCK TABLE processed_events, ${READ_MODEL_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
      await manager.query('DELETE FROM processed_events WHERE handler = $1', [this.handler]);
      const markProcessed = async (eventId: string): Promise<boolean> => {
        const inserted: unknown[] = await manager.query(
          'INSERT INTO processed_events (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
          [eventId, this.handler],
        );
        return inserted.length > 0;
      };
      return work({ store: new PgReadModelStore(manager), markProcessed });
    });
  }
}
