import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import type { Cycle } from '../domain/cycle.aggregate';
import { CycleEntity } from './cycle.entity';
import { CycleMapper } from './cycle.mapper';
import { findOwnedCycle } from './owned-cycle.finder';

/** Cycles, always read through their owner and saved inside the caller's unit of work. */
@Injectable()
export class CycleRepository {
  /** The cycle if `userId` owns its session; undefined otherwise (404). */
  async findOwned(manager: EntityManager, cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(manager, cycleId, userId);
    return row ? CycleMapper.toDomain(row) : undefined;
  }

  /** The cycle, row-locked for this transaction, if `userId` owns its session; undefined otherwise (404). */
  async findOwnedForUpdate(manager: EntityManager, cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(manager, cycleId, userId, { forUpdate: true });
    return row ? CycleMapper.toDomain(row) : undefined;
  }

  /** For consumers: the cycle by id, row-locked, whoever owns it (the caller checks the event against it). */
  async findForUpdate(manager: EntityManager, cycleId: string): Promise<{ cycle: Cycle; ownerId: string } | undefined> {
    const rows: (CycleEntity & { user_id: string })[] = await manager.query(
      'SELECT c.*, s.user_id FROM cycles c JOIN sessions s ON s.id = c.session_id WHERE c.id = $1 FOR UPDATE OF c',
      [cycleId],
    );
    return rows[0] ? { cycle: CycleMapper.toDomain(rows[0]), ownerId: rows[0].user_id } : undefined;
  }

  async countInSession(manager: EntityManager, sessionId: string): Promise<number> {
    return manager.count(CycleEntity, { where: { session_id: sessionId } });
  }

  async save(tx: UnitOfWorkTransaction, cycle: Cycle, metadata: EventMetadataInput): Promise<CycleEntity> {
    return saveWithEvents(tx, CycleEntity, cycle, CycleMapper.toPersistence(cycle), metadata);
  }

  async dqScoreOf(manager: EntityManager, cycleId: string): Promise<number | null> {
    const rows: { overall_score: number }[] = await manager.query('SELECT overall_score FROM cycle_dq_scores WHERE cycle_id = $1', [cycleId]);
    return rows[0]?.overall_score ?? null;
  }
}
