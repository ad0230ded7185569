import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

type RedisStreamsContextArgs = [stream: string, entryId: string, group: string, attempt: number, manager: EntityManager | undefined];

/** What a handler may know about the delivery besides the event: where it came from and its transaction. */
export class RedisStreamsContext extends BaseRpcContext<RedisStreamsContextArgs> {
  getStream(): string {
    return this.args[0];
  }

  getEntryId(): string {
    return this.args[1];
  }

  getGroup(): string {
    return this.args[2];
  }

  /** 1 for the first delivery. */
  getAttempt(): number {
    return this.args[3];
  }

  /** The idempotent transaction's EntityManager; undefined for handlers that opted out of idempotency. */
  getManager(): EntityManager | undefined {
    return this.args[4];
  }

  /** The transaction's EntityManager; throws for handlers that opted out of idempotency. */
  requireManager(): EntityManager {
    const manager = this.args[4];
    if (!manager) throw new Error('this handler runs without an idempotent transaction (idempotent: false)');
    return manager;
  }
}
