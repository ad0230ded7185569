import { Inject, Injectable } from '@nestjs/common';
import { RetentionSweeper, tableRetention } from '@choice-sherpa/platform';
import { DataSource } from 'typeorm';
import { CONVERSATION_SETTINGS_TOKEN, type ConversationSettings } from '../../conversation.settings';

/** Idempotency keys are kept IDEMPOTENCY_KEY_RETENTION_HOURS, then deleted in bounded batches, on every replica. */
@Injectable()
export class IdempotencyKeyRetention extends RetentionSweeper {
  constructor(dataSource: DataSource, @Inject(CONVERSATION_SETTINGS_TOKEN) settings: ConversationSettings) {
    super(IdempotencyKeyRetention.name, [tableRetention(dataSource, 'idempotency_keys', 'created_at < $1')], {
      retentionMs: settings.idempotencyKeyRetentionMs,
      intervalMs: settings.idempotencyKeySweepIntervalMs,
    });
  }
}
