import { Cycle } from '../domain/cycle.aggregate';
import type { CycleSnapshot } from '../domain/cycle.snapshot';
import type { CycleEntity } from './cycle.entity';

/** Rows <-> aggregate, explicitly: the ORM entity never leaves the infrastructure layer. */
export const CycleMapper = {
  toDomain(row: CycleEntity): Cycle {
    return Cycle.fromSnapshot({
      id: row.id,
      session_id: row.session_id,
      parent_cycle_id: row.parent_cycle_id,
      branch_point: row.branch_point as CycleSnapshot['branch_point'],
      status: row.status as CycleSnapshot['status'],
      components: row.components,
      version: row.version,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
      completed_at: row.completed_at ? new Date(row.completed_at) : null,
      archived_at: row.archived_at ? new Date(row.archived_at) : null,
    });
  },

  toPersistence(cycle: Cycle): CycleEntity {
    const snapshot = cycle.toSnapshot();
    return {
      id: snapshot.id,
      session_id: snapshot.session_id,
      parent_cycle_id: snapshot.parent_cycle_id,
      branch_point: snapshot.branch_point,
      status: snapshot.status,
      components: snapshot.components,
      version: snapshot.version,
      created_at: snapshot.created_at,
      updated_at: snapshot.updated_at,
      completed_at: snapshot.completed_at,
      archived_at: snapshot.archived_at,
    };
  },
};
