import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { EventEnvelope } from '@choice-sherpa/events';
import { AnalysisWorkerTestApp, CycleEvents } from './support/analysis-worker-test-app';

const CONSEQUENCES = { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 0 }, 'a2:o1': { rating: 2 } } };
const REVISED = { ...CONSEQUENCES, cells: { 'a1:o1': { rating: 1 }, 'a2:o1': { rating: -1 } } };
const NAMES = ['Helpful Problem Frame', 'Clear Objectives', 'Creative Alternatives', 'Reliable Consequence Information', 'Logically Correct Reasoning', 'Clear Tradeoffs', 'Commitment to Follow Through'];
const DQ = { elements: NAMES.map((name, i) => ({ name, score: 60 + i * 5 })) };

describe('analysis-worker consumer of cycle.branched (real PostgreSQL and Redis Streams)', () => {
  let worker: AnalysisWorkerTestApp;

  beforeAll(async () => {
    worker = await AnalysisWorkerTestApp.start();
  });
  afterAll(async () => {
    await worker?.close();
  });

  const analysisEventsOf = (cycleId: string, count: number): Promise<EventEnvelope[]> =>
    waitFor(
      async () => {
        const events = (await worker.streamed()).filter((e) => e.event_type.startsWith('analysis.') && e.aggregate_id === cycleId);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs: 20_000, what: `${count} analysis events of cycle ${cycleId}` },
    );
  const handled = (eventId: string) =>
    waitFor(async () => (await worker.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1, { timeoutMs: 20_000, what: `event ${eventId} handled` });
  const results = async (cycleId: string) =>
    worker.query('SELECT kind, source_event_id, source_sequence::int AS seq FROM analysis_results WHERE cycle_id = $1 ORDER BY kind', [cycleId]);

  it('a branch that copied consequences and decision_quality complete gets both results and events, caused by the cycle.branched, once under redelivery', async () => {
    const branch = new CycleEvents();
    const event = branch.branched(2, randomUUID(), [
      { component_type: 'alternatives', status: 'complete' },
      { component_type: 'consequences', status: 'complete', output: CONSEQUENCES },
      { component_type: 'decision_quality', status: 'complete', output: DQ },
      { component_type: 'notes_next_steps', status: 'needs_revision' },
    ]);
    await worker.publish(event, event);

    const events = await analysisEventsOf(branch.cycleId, 2);
    expect(events.map((e) => [e.event_type, e.metadata.causation_id, e.metadata.correlation_id]).sort()).toEqual([
      ['analysis.dq_computed', event.event_id, branch.correlationId],
      ['analysis.pugh_computed', event.event_id, branch.correlationId],
    ]);
    expect(events.find((e) => e.event_type === 'analysis.pugh_computed')!.payload).toMatchObject({ cycle_id: branch.cycleId, scores: { a1: 0, a2: 2 }, best_alternative_id: 'a2' });
    expect(events.find((e) => e.event_type === 'analysis.dq_computed')!.payload).toMatchObject({ overall_score: 60, acceptable: false });
    expect(await results(branch.cycleId)).toEqual([
      { kind: 'dq', source_event_id: event.event_id, seq: 2 },
      { kind: 'pugh', source_event_id: event.event_id, seq: 2 },
    ]);
    expect((await worker.query('SELECT 1 FROM outbox_events WHERE aggregate_id = $1', [branch.cycleId])).length).toBe(2);
  });

  it("a later completion in the branch replaces the copied result; the copied one delivered late changes nothing", async () => {
    const branch = new CycleEvents();
    const copied = branch.branched(2, randomUUID(), [{ component_type: 'consequences', status: 'complete', output: CONSEQUENCES }]);
    const revised = branch.completed(9, 'consequences', REVISED);
    await worker.publish(revised);
    await analysisEventsOf(branch.cycleId, 1);
    await worker.publish(copied);
    await handled(copied.event_id);
    expect(await results(branch.cycleId)).toEqual([{ kind: 'pugh', source_event_id: revised.event_id, seq: 9 }]);
    expect((await worker.query('SELECT 1 FROM outbox_events WHERE aggregate_id = $1', [branch.cycleId])).length).toBe(1);
  });

  it('a branch with nothing analysable copied complete (or listed without outputs) is handled with no result and no event', async () => {
    const branch = new CycleEvents();
    const event = branch.branched(2, randomUUID(), [
      { component_type: 'consequences', status: 'needs_revision', output: CONSEQUENCES },
      { component_type: 'objectives', status: 'complete' },
    ]);
    await worker.publish(event);
    await handled(event.event_id);
    expect(await results(branch.cycleId)).toEqual([]);
  });
});
