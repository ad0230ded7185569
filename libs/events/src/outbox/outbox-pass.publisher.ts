import type { StreamBroker } from '../broker/stream-broker';
import { StreamLayout, streamFor } from '../streams/stream-layout';
import { eventsPublished, outboxPublishErrors } from './outbox.metrics';
import { OutboxRow, OutboxStore } from './outbox.store';
import type { ResolvedRelayOptions } from './outbox-relay.options';

export type PassOutcome = 'published' | 'idle' | 'contended' | 'failed';
export interface PassResult {
  published: number;
  outcome: PassOutcome;
  error?: unknown;
}

type PassOptions = Pick<ResolvedRelayOptions, 'layout' | 'batchSize' | 'maxPartitionsPerPass' | 'beforeMarkPublished'>;

/**
 * One relay pass: in one transaction, locks the stream partitions it publishes (advisory locks) and claims their
 * pending rows (sets published_at, uncommitted), XADDs them as one pipeline and commits only after the broker
 * confirmed every XADD; otherwise it rolls back and the rows are still pending (their failure recorded).
 */
export class OutboxPassPublisher {
  constructor(
    private readonly store: OutboxStore,
    private readonly broker: StreamBroker,
    private readonly options: PassOptions,
  ) {}

  get layout(): StreamLayout {
    return this.options.layout;
  }

  /** Throws when PostgreSQL failed, or a RelayPublishError when the broker did not confirm the batch. */
  async pass(): Promise<PassResult> {
    const partitions = this.options.layout.partitions;
    const maxPartitionsPerPass = this.options.maxPartitionsPerPass;
    // Claiming every free partition needs no look-ahead; claiming a share must aim at partitions that have work.
    const candidates = maxPartitionsPerPass >= partitions ? range(partitions) : await this.store.pendingPartitions(this.options.batchSize * 2);
    if (candidates.length === 0) return { published: 0, outcome: 'idle' };
    shuffle(candidates); // relays racing for the same partitions spread out instead of colliding in one order
    const result = await this.store.withConnection(async (client): Promise<PassResult & { rows?: OutboxRow[] }> => {
      const { locked, rows } = await this.store.beginAndClaim(client, candidates, maxPartitionsPerPass, this.options.batchSize);
      if (rows.length === 0) {
        await this.store.commit(client);
        return { published: 0, outcome: locked.length === 0 ? 'contended' : 'idle' };
      }
      try {
        await this.xadd(rows);
      } catch (error) {
        await this.store.rollback(client);
        return { published: 0, outcome: 'failed', rows, error };
      }
      await this.options.beforeMarkPublished?.(rows.map((row) => row.event_id));
      await this.store.commit(client);
      return { published: rows.length, outcome: 'published', rows };
    });
    if (result.outcome === 'failed') {
      outboxPublishErrors.inc({ stage: 'redis' });
      const ids = result.rows!.map((row) => row.id);
      await this.store.recordFailure(ids, errorMessage(result.error)).catch(() => undefined); // bookkeeping only
      throw new RelayPublishError(ids.length, result.error);
    }
    if (result.rows) countPublished(result.rows);
    return result;
  }

  /** One append of the batch (Redis: one pipeline, one round trip); throws unless the broker confirmed every entry. */
  async xadd(rows: OutboxRow[]): Promise<void> {
    await this.broker.append(
      rows.map((row) => ({ stream: streamFor(this.options.layout, row.aggregate_id), fields: { type: row.event_type, data: row.envelope } })),
    );
  }
}

/** A batch whose XADDs Redis did not all confirm; its rows stay pending and carry the error. */
export class RelayPublishError extends Error {
  constructor(readonly rows: number, cause: unknown) {
    super(`publishing ${rows} outbox rows failed: ${errorMessage(cause)}`);
    this.name = 'RelayPublishError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function countPublished(rows: OutboxRow[]): void {
  const byType = new Map<string, number>();
  for (const row of rows) byType.set(row.event_type, (byType.get(row.event_type) ?? 0) + 1);
  for (const [eventType, n] of byType) eventsPublished.inc({ event_type: eventType }, n);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
