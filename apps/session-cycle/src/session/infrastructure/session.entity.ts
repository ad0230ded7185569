import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') user_id: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') status: string;
  /** Filled from cycle.created (the session's cycle list), in creation order. */
  @Column('jsonb') cycle_ids: string[];
  /** Optimistic concurrency: every save checks and bumps it. */
  @Column('integer') version: number;
  @Column('timestamptz') created_at: Date;
  @Column('timestamptz') updated_at: Date;
  @Column('timestamptz', { nullable: true }) archived_at: Date | null;
}
