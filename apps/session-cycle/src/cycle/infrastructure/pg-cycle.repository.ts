import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import type { CycleDqScore, CycleRepository } from '../application/cycle-repository.port';
import type { Cycle } from '../domain/cycle.aggregate';
import { CycleEntity } from './cycle.entity';
import { CycleMapper } from './cycle.mapper';
import { findOwnedCycle } from './owned-cycle.finder';

/** Cycles in PostgreSQL (the `cycles` table, their owner through `sessions`) and their DQ scores (`cycle_dq_scores`). */
@Injectable()
export class PgCycleRepository implements CycleRepository {
  async findOwned(manager: EntityManager, cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(manager, cycleId, userId);
    return row ? CycleMapper.toDomain(row) : undefined;
  }

  async findOwnedForUpdate(manager: EntityManager, cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(manager, cycleId, userId, { forUpdate: true });
    return row ? CycleMapper.toDomain(row) : undefined;
  }

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

  async save(tx: UnitOfWorkTransaction, cycle: Cycle, metadata: EventMetadataInput): Promise<void> {
    await saveWithEvents(tx, CycleEntity, cycle, CycleMapper.toPersistence(cycle), metadata);
  }

  async dqScoreOf(manager: EntityManager, cycleId: string): Promise<number | null> {
    const rows: { overall_score: number }[] = await manager.query('SELECT overall_score FROM cycle_dq_scores WHERE cycle_id = $1', [cycleId]);
    return rows[0]?.overall_score ?? null;
  }

  async existsInSession(manager: EntityManager, cycleId: string, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM cycles WHERE id = $1 AND session_id = $2', [cycleId, sessionId]);
    return rows.length > 0;
  }

  async recordDqScoreIfNewer(manager: EntityManager, score: CycleDqScore): Promise<void> {
    await manager.query(
      `INSERT INTO cycle_dq_scores (cycle_id, session_id, overall_score, element_scores, computed_at, event_id, event_sequence)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (cycle_id) DO UPDATE SET overall_score = EXCLUDED.overall_score, element_scores = EXCLUDED.element_scores,
         computed_at = EXCLUDED.computed_at, event_id = EXCLUDED.event_id, event_sequence = EXCLUDED.event_sequence
       WHERE cycle_dq_scores.event_sequence < EXCLUDED.event_sequence`,
      [score.cycleId, score.sessionId, score.overallScore, JSON.stringify(score.elementScores), score.computedAt, score.eventId, score.sequence],
    );
  }
}
