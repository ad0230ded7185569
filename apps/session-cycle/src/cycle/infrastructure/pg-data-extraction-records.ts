import { Injectable } from '@nestjs/common';
import { AmbientRepository } from '../../shared/infrastructure/ambient-repository';
import type { DataExtractionRecord, DataExtractionRecords } from '../application/data-extraction-records.port';
import { DataExtractionRecordEntity } from './data-extraction-record.entity';

/** The `data_extraction_records` table. */
@Injectable()
export class PgDataExtractionRecords extends AmbientRepository implements DataExtractionRecords {
  async record(record: DataExtractionRecord): Promise<void> {
    await this.inTransaction()
      .createQueryBuilder()
      .insert()
      .into(DataExtractionRecordEntity)
      .values({
        event_id: record.eventId,
        conversation_id: record.conversationId,
        cycle_id: record.cycleId,
        component_type: record.componentType,
        outcome: record.outcome,
        reason: record.reason,
        recorded_at: new Date(),
      })
      .orIgnore()
      .execute();
  }
}
