import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@choice-sherpa/events';
import type { PendingEvent, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import type { ConsumerTransaction } from '../application/consumer-transaction.port';

/** The delivery's transaction with the events queued during the work appended to the outbox at its end. */
@Injectable()
export class OutboxConsumerTransaction implements ConsumerTransaction {
  constructor(private readonly outbox: OutboxWriter) {}

  async run<T>(manager: EntityManager, work: (tx: UnitOfWorkTransaction) => Promise<T>): Promise<T> {
    const queued: PendingEvent[] = [];
    const result = await work({ manager, publish: (...events) => void queued.push(...events) });
    await this.outbox.append(manager, queued);
    return result;
  }
}
