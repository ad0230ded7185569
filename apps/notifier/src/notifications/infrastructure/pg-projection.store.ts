import { Injectable } from '@nestjs/common';
import type { ProjectionStore, Tx } from '../application/ports';

/** Each statement keeps the newest state: a redelivered or older event never overwrites a newer one. */
@Injectable()
export class PgProjectionStore implements ProjectionStore {
  async upsertRecipient(tx: Tx, r: { userId: string; email: string; at: string; eventId: string }): Promise<void> {
    await tx.query(
      `INSERT INTO recipients (user_id, email, updated_at, event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at, event_id = EXCLUDED.event_id
       WHERE recipients.updated_at <= EXCLUDED.updated_at`,
      [r.userId, r.email, r.at, r.eventId],
    );
  }

  async recordSession(tx: Tx, s: { sessionId: string; userId: string | null; title: string; sequence: number }): Promise<void> {
    await tx.query(
      `INSERT INTO summary_sessions (session_id, user_id, title, title_sequence) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id) DO UPDATE SET title = EXCLUDED.title, title_sequence = EXCLUDED.title_sequence,
         user_id = COALESCE(summary_sessions.user_id, EXCLUDED.user_id)
       WHERE summary_sessions.title_sequence < EXCLUDED.title_sequence`,
      [s.sessionId, s.userId, s.title, s.sequence],
    );
  }

  async recordBranch(tx: Tx, b: { cycleId: string; parentCycleId: string; inheritsAlternatives: boolean }): Promise<void> {
    await tx.query(
      `INSERT INTO summary_cycles (cycle_id, parent_cycle_id, inherits_alternatives) VALUES ($1, $2, $3)
       ON CONFLICT (cycle_id) DO UPDATE SET parent_cycle_id = EXCLUDED.parent_cycle_id, inherits_alternatives = EXCLUDED.inherits_alternatives`,
      [b.cycleId, b.parentCycleId, b.inheritsAlternatives],
    );
  }

  async recordAlternativeNames(tx: Tx, n: { cycleId: string; names: Record<string, string>; sequence: number }): Promise<void> {
    await tx.query(
      `INSERT INTO summary_cycles (cycle_id, alternative_names, names_sequence) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (cycle_id) DO UPDATE SET alternative_names = EXCLUDED.alternative_names, names_sequence = EXCLUDED.names_sequence
       WHERE summary_cycles.names_sequence IS NULL OR summary_cycles.names_sequence < EXCLUDED.names_sequence`,
      [n.cycleId, JSON.stringify(n.names), n.sequence],
    );
  }

  async recordPugh(tx: Tx, p: { cycleId: string; bestAlternativeId: string | null; computedAt: string }): Promise<void> {
    await tx.query(
      `INSERT INTO summary_cycles (cycle_id, pugh_computed, best_alternative_id, pugh_computed_at) VALUES ($1, true, $2, $3)
       ON CONFLICT (cycle_id) DO UPDATE SET pugh_computed = true, best_alternative_id = EXCLUDED.best_alternative_id,
         pugh_computed_at = EXCLUDED.pugh_computed_at
       WHERE summary_cycles.pugh_computed_at IS NULL OR summary_cycles.pugh_computed_at <= EXCLUDED.pugh_computed_at`,
      [p.cycleId, p.bestAlternativeId, p.computedAt],
    );
  }

  async recipientAddress(tx: Tx, userId: string): Promise<string | null> {
    const rows: { email: string }[] = await tx.query('SELECT email FROM recipients WHERE user_id = $1', [userId]);
    return rows[0]?.email ?? null;
  }

  async session(tx: Tx, sessionId: string): Promise<{ userId: string | null; title: string | null } | null> {
    const rows: { user_id: string | null; title: string | null }[] = await tx.query('SELECT user_id, title FROM summary_sessions WHERE session_id = $1', [sessionId]);
    return rows[0] ? { userId: rows[0].user_id, title: rows[0].title } : null;
  }

  async cycleSummaryFacts(tx: Tx, cycleId: string): Promise<{ pugh: { bestAlternativeId: string | null } | null; names: Record<string, string> }> {
    // The cycle's own row, then up its branch lineage while each step inherited its parent's alternatives.
    const rows: { depth: number; pugh_computed: boolean; best_alternative_id: string | null; alternative_names: Record<string, string> | null }[] = await tx.query(
      `WITH RECURSIVE lineage AS (
         SELECT c.*, 0 AS depth FROM summary_cycles c WHERE c.cycle_id = $1
         UNION ALL
         SELECT p.*, l.depth + 1 FROM summary_cycles p JOIN lineage l ON p.cycle_id = l.parent_cycle_id
         WHERE l.inherits_alternatives AND l.alternative_names IS NULL AND l.depth < 100)
       SELECT depth, pugh_computed, best_alternative_id, alternative_names FROM lineage ORDER BY depth`,
      [cycleId],
    );
    const own = rows.find((row) => row.depth === 0);
    const named = rows.find((row) => row.alternative_names !== null);
    return {
      pugh: own?.pugh_computed ? { bestAlternativeId: own.best_alternative_id } : null,
      names: named?.alternative_names ?? {},
    };
  }
}
