import { DataSource } from 'typeorm';
import type { PendingEvent } from '../../envelope/event-envelope';
import { sampleEvent } from '../../catalog/sample-events';
import type { EventType } from '../../catalog/event-types';
import { OUTBOX_MIGRATIONS } from '../outbox.migrations';

/** A DataSource on a test database with the outbox tables migrated. */
export async function createOutboxDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: OUTBOX_MIGRATIONS, poolSize });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** A valid event for the outbox (no sequence yet) on the given aggregate. */
export function pendingEvent(aggregateId: string, type: EventType = 'component.started'): PendingEvent {
  const { sequence: _sequence, ...pending } = sampleEvent(type, { aggregateId });
  return pending as PendingEvent;
}
