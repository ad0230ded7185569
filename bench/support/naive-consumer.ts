import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { partitionOf } from '@choice-sherpa/events/streams/stream-layout';

/** What a naive consumer does with a slice of events: its statements, in the transaction it is given. */
export type NaiveApply<E> = (manager: EntityManager, events: E[], handler: string) => Promise<unknown>;

/**
 * The bound a consumer is measured against: the same events, already in memory (no broker, no parsing, no acks), split
 * by partition like the transport splits them, one loop per partition (the transport reads partitions concurrently),
 * each running `apply` in one transaction per `perTransaction` events. Returns events per second.
 */
export async function naiveDrain<E extends { aggregate_id: string }>(
  dataSource: DataSource,
  events: E[],
  options: { partitions: number; perTransaction: number; handler: string },
  apply: NaiveApply<E>,
): Promise<number> {
  const byPartition = slicesOf(events, options.partitions, options.perTransaction);
  const started = performance.now();
  await Promise.all(
    byPartition.map(async (slices) => {
      for (const slice of slices) await dataSource.transaction((manager) => apply(manager, slice, options.handler));
    }),
  );
  return Math.round(events.length / ((performance.now() - started) / 1000));
}

/** The events of each partition (in order), cut into slices of `perTransaction`: what naiveDrain applies, transaction by transaction. */
export function slicesOf<E extends { aggregate_id: string }>(events: E[], partitions: number, perTransaction: number): E[][][] {
  const byPartition: E[][] = Array.from({ length: partitions }, () => []);
  for (const event of events) byPartition[partitionOf(event.aggregate_id, partitions)].push(event);
  return byPartition.map((mine) => Array.from({ length: Math.ceil(mine.length / perTransaction) }, (_, i) => mine.slice(i * perTransaction, (i + 1) * perTransaction)));
}
