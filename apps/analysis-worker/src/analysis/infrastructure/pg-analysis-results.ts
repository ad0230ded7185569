import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import { AnalysisResultRow, AnalysisResults } from '../application/analysis-results.port';

@Injectable()
export class PgAnalysisResults implements AnalysisResults {
  constructor(private readonly scope: TransactionScope) {}

  /**
   * One upsert whose update only applies to a row from an earlier completion (`source_sequence <`), so a stale result
   * never overwrites a newer one; the row lock serialises two transactions on the same (cycle, kind).
   */
  async replaceIfNewer(row: AnalysisResultRow): Promise<boolean> {
    const written: unknown[] = await this.scope.manager().query(
      `INSERT INTO analysis_results (cycle_id, kind, session_id, source_event_id, source_sequence, result, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (cycle_id, kind) DO UPDATE SET session_id = EXCLUDED.session_id, source_event_id = EXCLUDED.source_event_id,
         source_sequence = EXCLUDED.source_sequence, result = EXCLUDED.result, computed_at = EXCLUDED.computed_at
       WHERE analysis_results.source_sequence < EXCLUDED.source_sequence
       RETURNING cycle_id`,
      [row.cycleId, row.kind, row.sessionId, row.sourceEventId, row.sourceSequence, JSON.stringify(row.result), row.computedAt],
    );
    return written.length > 0;
  }
}
