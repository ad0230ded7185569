import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComponentSnapshot } from '../domain/cycle.snapshot';

/** One component as stored in the cycle's `components` jsonb array: the domain's snapshot, as it is. */
export type ComponentRow = ComponentSnapshot;

@Entity({ name: 'cycles' })
export class CycleEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') session_id: string;
  @Column('uuid', { nullable: true }) parent_cycle_id: string | null;
  @Column('text', { nullable: true }) branch_point: string | null;
  @Column('text') status: string;
  @Column('jsonb') components: ComponentRow[];
  @Column('integer') version: number;
  @Column('timestamptz') created_at: Date;
  @Column('timestamptz') updated_at: Date;
  @Column('timestamptz', { nullable: true }) completed_at: Date | null;
  @Column('timestamptz', { nullable: true }) archived_at: Date | null;
}
