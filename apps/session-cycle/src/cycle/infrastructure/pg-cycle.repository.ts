import { Injectable } from '@nestjs/common';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { AmbientRepository } from '../../shared/infrastructure/ambient-repository';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import type { CycleDqScore, CycleRepository } from '../application/cycle-repository.port';
import type { Cycle } from '../domain/cycle.aggregate';
import { CycleEntity } from './cycle.entity';
import { CycleMapper } from './cycle.mapper';
import { findOwnedCycle } from './owned-cycle.finder';

/** Cycles in PostgreSQL (the `cycles` table, their owner through `sessions`) and their DQ scores (`cycle_dq_scores`). */
@Injectable()
export class PgCycleRepository extends AmbientRepository implements CycleRepository {
  async findOwned(cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(this.reader(), cycleId, userId);
    return row ? CycleMapper.toDomain(row) : undefined;
  }

  async findOwnedForUpdate(cycleId: string, userId: string): Promise<Cycle | undefined> {
    const row = await findOwnedCycle(this.inTransaction(), cycleId, userId, { forUpdate: true });
    return row ? CycleMapper.toDomain(row) : undefined;
  }

  async findForUpdate(cycleId: string): Promise<{ cycle: Cycle; ownerId: string } | undefined> {
    const rows: (CycleEntity & { user_id: string })[] = await this.inTransaction().query(
      'SELECT c.*, s.user_id FROM cycles c JOIN sessions s ON s.id = c.session_id WHERE c.id = $1 FOR UPDATE OF c',
      [cycleId],
    );
    return rows[0] ? { cycle: CycleMapper.toDomain(rows[0]), ownerId: rows[0].user_id } : undefined;
  }

  async countInSession(sessionId: string): Promise<number> {
    return this.reader().count(CycleEntity, { where: { session_id: sessionId } });
  }

  async save(tx: UnitOfWorkTransaction, cycle: Cycle, metadata: EventMetadataInput): Promise<void> {
    await saveWithEvents(tx, CycleEntity, cycle, CycleMapper.toPersistence(cycle), metadata);
  }

  async dqScoreOf(cycleId: string): Promise<number | null> {
    const rows: { overall_score: number }[] = await this.reader().query('SELECT overall_score FROM cycle_dq_scores WHERE cycle_id = $1', [cycleId]);
    return rows[0]?.overall_score ?? null;
  }

  async existsInSession(cycleId: string, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.reader().query('SELECT 1 FROM cycles WHERE id = $1 AND session_id = $2', [cycleId, sessionId]);
    return rows.length > 0;
  }

  async recordDqScoreIfNewer(score: CycleDqScore): Promise<void> {
    await this.inTransaction().query(
      `INSERT INTO cycle_dq_scores (cycle_id, session_id, overall_score, element_scores, computed_at, event_id, event_sequence)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (cycle_id) DO UPDATE SET overall_score = EXCLUDED.overall_score, element_scores = EXCLUDED.element_scores,
         computed_at = EXCLUDED.computed_at, event_id = EXCLUDED.event_id, event_sequence = EXCLUDED.event_sequence
       WHERE cycle_dq_scores.event_sequence < EXCLUDED.event_sequence`,
      [score.cycleId, score.sessionId, score.overallScore, JSON.stringify(score.elementScores), score.computedAt, score.eventId, score.sequence],
    );
  }
}
