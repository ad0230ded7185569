import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_SIGNALS, AccessSignals, SESSION_ACCESS_READER, SessionAccessReader } from './ports';

/**
 * Ownership check with a bounded wait: a client may join right after creating the session, before this service
 * consumed session.created. Then we wait, woken by the projection's commit signal (not polling), up to the bound.
 */
@Injectable()
export class SessionAuthorizer {
  constructor(
    @Inject(SESSION_ACCESS_READER) private readonly access: SessionAccessReader,
    @Inject(ACCESS_SIGNALS) private readonly signals: AccessSignals,
  ) {}

  async ownerOf(sessionId: string, waitMs: number): Promise<string | null> {
    const known = await this.access.ownerOf(sessionId);
    if (known !== null || waitMs <= 0) return known;
    const deadline = Date.now() + waitMs;
    // Listen first, then look again: a record committed between the two reads still wakes us.
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.access.ownerOf(sessionId);
      const signal = this.signals.expect(sessionId, remaining);
      try {
        const owner = await this.access.ownerOf(sessionId);
        if (owner !== null) return owner;
        await signal.settled;
      } finally {
        signal.cancel();
      }
      const owner = await this.access.ownerOf(sessionId);
      if (owner !== null) return owner;
    }
  }
}
