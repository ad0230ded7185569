import { Inject, Injectable } from '@nestjs/common';
import { RetentionSweeper, tableRetention } from '@choice-sherpa/platform';
import { DataSource } from 'typeorm';
import { NOTIFIER_SETTINGS_TOKEN, type NotifierSettings } from '../../notifier.settings';

/**
 * Finished mail is kept NOTIFICATION_RETENTION_DAYS: sent and skipped rows finished before then are deleted in
 * bounded batches, on every replica. Pending rows are still to be sent and failed ones are the operators' to see
 * (GET /admin/notifications?state=failed), so neither is touched. A redelivery of an event older than the retention
 * would notify again; the transport's processed_events drops those first.
 */
@Injectable()
export class NotificationRetention extends RetentionSweeper {
  constructor(dataSource: DataSource, @Inject(NOTIFIER_SETTINGS_TOKEN) settings: NotifierSettings) {
    super(NotificationRetention.name, [tableRetention(dataSource, 'notifications', "state IN ('sent', 'skipped') AND finished_at < $1")], {
      retentionMs: settings.notificationRetentionMs,
      intervalMs: settings.notificationSweepIntervalMs,
    });
  }
}
