import type { UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';

/**
 * The unit of work of a stream handler: the transport's idempotent transaction (processed_events row included)
 * also carries the aggregate's rows and the outbox rows of the events the handler raises; implemented in infrastructure.
 */
export abstract class ConsumerTransaction {
  /** Runs `work` in the delivery's transaction `manager`; the events it publishes go to the outbox when it returns. */
  abstract run<T>(manager: EntityManager, work: (tx: UnitOfWorkTransaction) => Promise<T>): Promise<T>;
}
