import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AggregateRoot } from '@choice-sherpa/events/raising';
import { saveVersioned } from './versioned-save';

/**
 * Saves the aggregate's row and queues the events it recorded for the outbox, both in the unit of work's one
 * transaction: the state change and its events commit together or not at all.
 */
export async function saveWithEvents<T extends ObjectLiteral & { id: string; version: number }>(
  tx: Pick<UnitOfWorkTransaction, 'manager' | 'publish'>,
  entity: EntityTarget<T>,
  aggregate: AggregateRoot,
  row: T,
  metadata: EventMetadataInput,
): Promise<T> {
  await saveVersioned(tx.manager as EntityManager, entity, aggregate.version, row);
  tx.publish(...aggregate.pullEvents(metadata));
  return { ...row, version: aggregate.version + 1 };
}
