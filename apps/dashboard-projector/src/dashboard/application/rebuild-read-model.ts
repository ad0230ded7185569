import { AnyEvent, parseStreamEntry } from '@choice-sherpa/events';
import { PROJECTED_EVENT_TYPES, projectEvent } from '../domain/project-event';
import type { ReadModelReset, StreamEntry } from './read-model-reset.port';

export interface RebuildReport {
  entries: number;
  applied: number;
  stale: number;
  gaps: number;
  not_projected: number;
  /** entries the transport would dead-letter (unparseable, unknown type, invalid payload) */
  invalid: number;
}

export interface RebuildLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Empties the read model and the projection's processed_events, then applies every entry of the streams, all in ONE
 * transaction: readers and a still-running consumer wait on the table locks and then see the rebuilt model (the
 * consumer's redelivered events are duplicates by then), and a failure leaves the old model untouched.
 */
export async function rebuildReadModel(reset: ReadModelReset, entries: AsyncIterable<StreamEntry>, log: RebuildLog): Promise<RebuildReport> {
  const report: RebuildReport = { entries: 0, applied: 0, stale: 0, gaps: 0, not_projected: 0, invalid: 0 };
  await reset.inEmptiedReadModel(async ({ store, markProcessed }) => {
    for await (const entry of entries) {
      report.entries++;
      const parsed = parseStreamEntry(entry.fields);
      if (!parsed.ok) {
        report.invalid++;
        log.warn({ stream: entry.stream, entry_id: entry.id, reason: parsed.reason.code, event_id: parsed.reason.event_id ?? null }, 'skipping an invalid stream entry');
        continue;
      }
      const event = parsed.event as AnyEvent;
      if (!isProjected(event)) {
        report.not_projected++;
        continue;
      }
      if (!(await markProcessed(event.event_id))) {
        report.stale++;
        continue;
      }
      const outcome = await projectEvent(store, event);
      if (outcome.kind === 'applied') report.applied++;
      else if (outcome.kind === 'applied_after_gap') {
        report.applied++;
        report.gaps++;
        log.warn({ event_id: event.event_id, event_type: event.event_type, aggregate_id: event.aggregate_id, sequence: event.sequence, expected_sequence: outcome.gap.expected }, 'sequence gap during rebuild');
      } else if (outcome.kind === 'stale') report.stale++;
    }
  });
  log.info({ ...report }, 'dashboard read model rebuilt');
  return report;
}

/** The consumer subscribes to these types only, so only they get processed_events rows. */
function isProjected(event: AnyEvent): boolean {
  return (PROJECTED_EVENT_TYPES as readonly string[]).includes(event.event_type);
}
