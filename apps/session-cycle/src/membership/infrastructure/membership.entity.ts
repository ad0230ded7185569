import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') user_id: string;
  @Column('text') email: string;
  @Column('text') tier: string;
  @Column('text') status: string;
  @Column('integer') version: number;
  @Column('timestamptz') created_at: Date;
  @Column('timestamptz') updated_at: Date;
  @Column('timestamptz', { nullable: true }) cancelled_at: Date | null;
  @Column('text', { nullable: true }) cancel_reason: string | null;
}
