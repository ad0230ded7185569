import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The cycle's DQ score as reported by analysis.dq_computed; read when the cycle completes. */
@Entity({ name: 'cycle_dq_scores' })
export class CycleDqScoreEntity {
  @PrimaryColumn('uuid') cycle_id: string;
  @Column('uuid') session_id: string;
  @Column('integer') overall_score: number;
  @Column('jsonb') element_scores: { name: string; score: number }[];
  @Column('timestamptz') computed_at: Date;
  @Column('uuid') event_id: string;
  /** The analysis.dq_computed's per-cycle sequence: the higher one is the newer result. */
  @Column('bigint', { default: 0 }) event_sequence: string;
}
