import { waitFor } from '@choice-sherpa/platform/testing';
import type { EventEnvelope } from '@choice-sherpa/events';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing/sample-outputs';
import { ANALYSIS_HANDLER } from '../src/analysis/interface/component-completed.consumer';
import { AnalysisWorkerTestApp, CycleEvents } from './support/analysis-worker-test-app';

const CONSEQUENCES = {
  alternative_ids: ['stay', 'lisbon'],
  objective_ids: ['cost', 'career'],
  cells: { 'stay:cost': { rating: 0 }, 'stay:career': { rating: 0 }, 'lisbon:cost': { rating: 2 }, 'lisbon:career': { rating: 1 } },
};
const PARTITIONS = 2; // AnalysisWorkerTestApp's STREAM_PARTITIONS

/** Ten cycles, each with a skipped completion (issue_raising) then a consequences completion: one backlog. */
function backlog() {
  const cycles = Array.from({ length: 10 }, () => new CycleEvents());
  const skipped = cycles.map((cycle) => cycle.completed(3, 'issue_raising', SAMPLE_OUTPUTS.issue_raising));
  const analysed = cycles.map((cycle) => cycle.completed(7, 'consequences', CONSEQUENCES));
  return { cycles, skipped, analysed, all: [...skipped, ...analysed] as EventEnvelope[] };
}

describe('analysis-worker batch handler: a read applied in one transaction (real PostgreSQL and Redis Streams)', () => {
  let worker: AnalysisWorkerTestApp | undefined;
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  const processedBy = (handler: string) => worker!.query<{ event_id: string; processed_at: Date }>('SELECT event_id, processed_at FROM processed_events WHERE handler = $1', [handler]);
  const outboxCycles = async () => (await worker!.query<{ aggregate_id: string }>("SELECT aggregate_id FROM outbox_events WHERE event_type = 'analysis.pugh_computed'")).map((row) => row.aggregate_id).sort();

  it('analyses every consequences completion of a backlog once, skips the others, one transaction per read', async () => {
    const { cycles, skipped, analysed, all } = backlog();
    worker = await AnalysisWorkerTestApp.start({ backlog: all });

    const processed = await waitFor(async () => {
      const rows = await processedBy(ANALYSIS_HANDLER);
      return rows.length >= all.length ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'every completion processed' });

    expect(processed.map((row) => row.event_id).sort()).toEqual([...skipped, ...analysed].map((event) => event.event_id).sort());
    // now() is the transaction's start: one value per read that carried events (the first read of each partition)
    expect(new Set(processed.map((row) => row.processed_at.getTime())).size).toBeLessThanOrEqual(PARTITIONS);
    expect(await outboxCycles()).toEqual(cycles.map((cycle) => cycle.cycleId).sort());
    const results = await worker.query<{ cycle_id: string; source_event_id: string }>("SELECT cycle_id, source_event_id FROM analysis_results WHERE kind = 'pugh'");
    expect(results.map((row) => row.source_event_id).sort()).toEqual(analysed.map((event) => event.event_id).sort());
  });

  it('dead-letters the one completion whose analysis fails and analyses every other of its read exactly once', async () => {
    const { cycles, analysed, all } = backlog();
    const poison = analysed[4];
    const refuse = [
      `CREATE FUNCTION refuse_poison_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.cycle_id = '${cycles[4].cycleId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
      'CREATE TRIGGER refuse_poison_cycle BEFORE INSERT OR UPDATE ON analysis_results FOR EACH ROW EXECUTE FUNCTION refuse_poison_cycle()',
    ];
    worker = await AnalysisWorkerTestApp.start({ backlog: all, setupSql: refuse });

    const [letter] = await waitFor(async () => {
      const rows = await worker!.query<{ event_id: string; handler: string; reason_code: string }>('SELECT event_id, handler, reason_code FROM dead_letter_events');
      return rows.length > 0 ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'the dead letter' });
    expect(letter).toEqual({ event_id: poison.event_id, handler: ANALYSIS_HANDLER, reason_code: 'handler_failed' });

    const processed = await waitFor(async () => {
      const rows = await processedBy(ANALYSIS_HANDLER);
      return rows.length >= all.length - 1 ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'every other completion processed' });
    expect(processed.map((row) => row.event_id).sort()).toEqual(all.filter((event) => event !== poison).map((event) => event.event_id).sort());
    expect(await outboxCycles()).toEqual(cycles.filter((_, i) => i !== 4).map((cycle) => cycle.cycleId).sort());
    expect(await worker.query('SELECT count(*)::int AS n FROM dead_letter_events')).toEqual([{ n: 1 }]);
  });
});
