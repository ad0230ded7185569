import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * When the in-process broker was last left drained (every event delivered to and acknowledged by every consumer
 * group) at a clean stop. Events published before it need no re-publishing after a start; everything after it (a
 * kill -9 since) is re-published from the outboxes. One marker per PostgreSQL server (the outboxes live there).
 */
export class RecoveryMarker {
  private readonly file: string;

  /** `server`: `embedded`, or the external server's URL (only its host and port identify it). */
  constructor(dataDir: string, server: string) {
    const key = server === 'embedded' ? server : `${new URL(server).hostname}:${new URL(server).port}`;
    const id = createHash('sha256').update(key).digest('hex').slice(0, 12);
    this.file = path.join(dataDir, `stream-recovery-${id}.json`);
  }

  /** The last drained stop, or the epoch (re-publish every retained row). */
  read(): Date {
    if (!existsSync(this.file)) return new Date(0);
    const at = new Date((JSON.parse(readFileSync(this.file, 'utf8')) as { drained_at?: string }).drained_at ?? 0);
    return Number.isNaN(at.getTime()) ? new Date(0) : at;
  }

  write(at: Date): void {
    writeFileSync(this.file, JSON.stringify({ drained_at: at.toISOString() }));
  }
}
