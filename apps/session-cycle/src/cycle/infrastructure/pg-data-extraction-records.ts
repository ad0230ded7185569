import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataExtractionRecord, DataExtractionRecords } from '../application/data-extraction-records.port';
import { DataExtractionRecordEntity } from './data-extraction-record.entity';

/** The `data_extraction_records` table. */
@Injectable()
export class PgDataExtractionRecords implements DataExtractionRecords {
  async record(manager: EntityManager, record: DataExtractionRecord): Promise<void> {
    await manager
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
