import { Inject, Injectable } from '@nestjs/common';
import { RetentionSweeper } from '@choice-sherpa/platform';
import { GATEWAY_SETTINGS, GatewaySettings } from '../application/gateway-settings';
import { PgEventLogStore } from './pg-event-log.store';

/** Keeps the event log bounded: deletes rows older than the retention, in bounded batches, on every replica. */
@Injectable()
export class EventLogRetention extends RetentionSweeper {
  constructor(log: PgEventLogStore, @Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    super(EventLogRetention.name, [{ name: 'session_event_log', deleteOlderThan: (cutoff, limit) => log.deleteOlderThan(cutoff, limit) }], {
      retentionMs: settings.eventLogRetentionMs,
      intervalMs: settings.eventLogSweepIntervalMs,
    });
  }
}
