import { conflict } from '@choice-sherpa/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

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
  const result = await manager.update(entity, { id, version: loadedVersion } as never, { ...changes, version: loadedVersion + 1 } as never);
  if (result.affected !== 1) throw conflict('CONCURRENT_MODIFICATION', 'the resource was changed by another request; retry');
}
