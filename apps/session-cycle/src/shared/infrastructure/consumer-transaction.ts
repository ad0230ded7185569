import type { OutboxWriter, PendingEvent, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';

/**
 * The unit of work of a stream handler: the transport's idempotent transaction (processed_events row included)
 * also carries the aggregate's rows and the outbox rows of the events the handler raises.
 */
export async function inConsumerTransaction<T>(
  manager: EntityManager,
  outbox: OutboxWriter,
  work: (tx: UnitOfWorkTransaction) => Promise<T>,
): Promise<T> {
  const queued: PendingEvent[] = [];
  const result = await work({ manager, publish: (...events) => void queued.push(...events) });
  await outbox.append(manager, queued);
  return result;
}
