import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExtractionOutcome } from '../application/data-extraction-records.port';

/** What became of one conversation.data_extracted event. */
@Entity({ name: 'data_extraction_records' })
export class DataExtractionRecordEntity {
  @PrimaryColumn('uuid') event_id: string;
  @Column('uuid') conversation_id: string;
  @Column('uuid') cycle_id: string;
  @Column('text') component_type: string;
  @Column('text') outcome: ExtractionOutcome;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz') recorded_at: Date;
}
