import { ConflictException, Injectable, NotFoundException, Optional, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { StreamConsumers } from '@choice-sherpa/platform/http/stream-consumer';
import { DataSource } from 'typeorm';
import { StreamTransportServer } from '../transport/stream-transport.server';
import { DeadLetterStore } from '../consumer/dead-letter.store';
import type { IdempotentOutcome } from '../consumer/run-idempotent';

export interface ReplayResult {
  id: string;
  outcomes: { handler: string; outcome: IdempotentOutcome }[];
}

/** Re-runs a dead letter's handler through the idempotent path: replaying twice applies the effect once. */
@Injectable()
export class DeadLetterReplayService {
  private readonly store: DeadLetterStore;

  constructor(
    dataSource: DataSource,
    /** The app's connected consumers (PlatformModule provides them; connectStreamConsumer adds each). */
    @Optional() private readonly consumers?: StreamConsumers,
  ) {
    this.store = new DeadLetterStore(dataSource);
  }

  async replay(id: string): Promise<ReplayResult> {
    const letter = await this.store.get(id);
    if (!letter) throw new NotFoundException('dead letter not found');
    const server = this.consumers?.all(StreamTransportServer).find((candidate) => candidate.options.group === letter.consumer_group);
    if (!server) throw new ServiceUnavailableException('the consumer of this dead letter is not running in this app');
    const parsed = server.options.parseMessage(letter.raw_fields);
    if (!parsed.ok) throw new UnprocessableEntityException(`the entry still does not parse (${parsed.reason.code})`);
    const handlers = letter.handler ? [server.handlers.byName(letter.handler)] : server.handlers.match(parsed.event.event_type);
    if (handlers.some((handler) => !handler)) throw new ConflictException('the handler of this dead letter is no longer registered');
    const outcomes: ReplayResult['outcomes'] = [];
    for (const handler of handlers) {
      if (!handler) continue;
      const outcome = await server.entryProcessor.runOnce(handler, parsed.event, { stream: letter.stream, entryId: letter.entry_id, fields: letter.raw_fields });
      outcomes.push({ handler: handler.name, outcome });
    }
    await this.store.markReplayed(id);
    return { id, outcomes };
  }
}
