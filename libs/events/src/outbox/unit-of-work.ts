import type { DataSource, EntityManager } from 'typeorm';
import type { PendingEvent } from '../envelope/event-envelope';
import { OutboxWriter } from './outbox-writer';

export interface UnitOfWorkTransaction {
  /** The transaction's manager: write the aggregate's rows with it. */
  manager: EntityManager;
  /** Queues events; they are validated and written to the outbox in this transaction, just before it commits. */
  publish(...events: PendingEvent[]): void;
}

/**
 * One PostgreSQL transaction for an aggregate's rows and its outbox rows. After a commit that wrote events it
 * calls `afterCommit` (the relay's in-process wake-up), so the relay starts publishing without any NOTIFY on the
 * commit path.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter = new OutboxWriter(),
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (tx: UnitOfWorkTransaction) => Promise<T>): Promise<T> {
    let wroteEvents = false;
    const result = await this.dataSource.transaction(async (manager) => {
      const queued: PendingEvent[] = [];
      const value = await work({ manager, publish: (...events) => void queued.push(...events) });
      if (queued.length > 0) {
        await this.writer.append(manager, queued);
        wroteEvents = true;
      }
      return value;
    });
    if (wroteEvents) this.afterCommit();
    return result;
  }
}
