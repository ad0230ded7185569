import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';

/**
 * Base of the Pg* repositories: they work in the ambient transaction (the command's unit of work, or the stream
 * delivery's idempotent transaction) instead of an EntityManager passed along.
 */
@Injectable()
export abstract class AmbientRepository {
  constructor(private readonly scope: TransactionScope) {}

  /** The open transaction's manager, for locks and writes; throws outside a transaction. */
  protected inTransaction(): EntityManager {
    return this.scope.manager();
  }

  /** For reads: the open transaction's manager, or the DataSource's for a query run outside any transaction. */
  protected reader(): EntityManager {
    return this.scope.reader();
  }
}
