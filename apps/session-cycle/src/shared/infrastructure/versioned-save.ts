import { conflict } from '@choice-sherpa/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { updateWhere } from './row-sql';

/**
 * Inserts a new aggregate row (loaded version 0) or updates it only if nobody saved it since it was loaded
 * (optimistic concurrency); a lost race is a 409 CONCURRENT_MODIFICATION, never a silently lost update.
 */
export async function saveVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  loadedVersion: number,
  row: T,
): Promise<void> {
  if (loadedVersion === 0) {
    await manager.insert(entity, { ...row, version: 1 });
    return;
  }
  const { id, ...changes } = row;
  const affected = await updateWhere<T>(manager, entity, { id, version: loadedVersion } as Partial<T>, { ...changes, version: loadedVersion + 1 } as Partial<T>);
  if (affected !== 1) throw conflict('CONCURRENT_MODIFICATION', 'the resource was changed by another request; retry');
}
