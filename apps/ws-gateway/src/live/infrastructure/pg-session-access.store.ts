import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import { DataSource } from 'typeorm';
import type { SessionAccessReader } from '../application/ports';

/** Channel on which a committed access record wakes joins waiting for it (NOTIFY is delivered at commit). */
export const ACCESS_CHANNEL = 'ws_session_access';

@Injectable()
export class PgSessionAccessStore implements SessionAccessReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transaction: TransactionScope,
  ) {}

  async ownerOf(sessionId: string): Promise<string | null> {
    const rows: { owner_id: string }[] = await this.dataSource.query('SELECT owner_id FROM session_access WHERE session_id = $1', [sessionId]);
    return rows[0]?.owner_id ?? null;
  }

  /** In the ambient transaction (the consumer's idempotent one); the first owner recorded stays (a session never changes owner). */
  async record(sessionId: string, ownerId: string): Promise<void> {
    const manager = this.transaction.manager();
    await manager.query('INSERT INTO session_access (session_id, owner_id) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING', [sessionId, ownerId]);
    await manager.query('SELECT pg_notify($1, $2)', [ACCESS_CHANNEL, sessionId]);
  }
}
