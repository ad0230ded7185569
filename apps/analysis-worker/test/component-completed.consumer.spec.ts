import { waitFor } from '@choice-sherpa/platform/testing';
import type { EventEnvelope } from '@choice-sherpa/events';
import { AnalysisWorkerTestApp, CycleEvents } from './support/analysis-worker-test-app';

const CONSEQUENCES = {
  alternative_ids: ['stay', 'lisbon', 'porto'],
  objective_ids: ['cost', 'career', 'weather'],
  cells: {
    'stay:cost': { rating: 0 }, 'stay:career': { rating: 0 }, 'stay:weather': { rating: 1 },
    'lisbon:cost': { rating: 2 }, 'lisbon:career': { rating: 1, rationale: 'more jobs' }, 'lisbon:weather': { rating: 1 },
    'porto:cost': { rating: 1 }, 'porto:career': { rating: 1 }, 'porto:weather': { rating: 1, uncertainty: 'low' },
  },
};
const REVISED = { ...CONSEQUENCES, cells: { ...CONSEQUENCES.cells, 'stay:cost': { rating: 1 }, 'stay:career': { rating: 2 }, 'lisbon:cost': { rating: 0 } } };
const NAMES = ['Helpful Problem Frame', 'Clear Objectives', 'Creative Alternatives', 'Reliable Consequence Information', 'Logically Correct Reasoning', 'Clear Tradeoffs', 'Commitment to Follow Through'];
const dqOutput = (scores: number[]) => ({ elements: NAMES.map((name, i) => ({ name, score: scores[i], rationale: 'because' })) });

describe('analysis-worker consumer of component.completed (real PostgreSQL and Redis Streams)', () => {
  let worker: AnalysisWorkerTestApp;

  beforeAll(async () => {
    worker = await AnalysisWorkerTestApp.start();
  });
  afterAll(async () => {
    await worker?.close();
  });

  const analysisEventsOf = async (cycleId: string, count: number): Promise<EventEnvelope[]> =>
    waitFor(
      async () => {
        const events = (await worker.streamed()).filter((e) => e.event_type.startsWith('analysis.') && e.aggregate_id === cycleId);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs: 20_000, what: `${count} analysis events of cycle ${cycleId} in the streams` },
    );
  const handled = (eventId: string) =>
    waitFor(async () => (await worker.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1, { timeoutMs: 20_000, what: `event ${eventId} handled` });
  const storedResult = async (cycleId: string, kind: string) =>
    (await worker.query('SELECT source_event_id, source_sequence, result FROM analysis_results WHERE cycle_id = $1 AND kind = $2', [cycleId, kind]))[0];
  const outboxRowsOf = async (cycleId: string) => (await worker.query('SELECT event_type FROM outbox_events WHERE aggregate_id = $1', [cycleId])).length;

  it('completing consequences publishes analysis.pugh_computed with scores, ranks, the best, dominated and irrelevant, caused by the completion', async () => {
    const cycle = new CycleEvents();
    const completion = cycle.completed(5, 'consequences', CONSEQUENCES);
    await worker.publish(completion);

    const [event] = await analysisEventsOf(cycle.cycleId, 1);
    expect(event).toMatchObject({
      event_type: 'analysis.pugh_computed',
      aggregate_type: 'cycle',
      aggregate_id: cycle.cycleId,
      sequence: 1,
      metadata: { correlation_id: cycle.correlationId, causation_id: completion.event_id, user_id: 'user-1' },
      payload: {
        cycle_id: cycle.cycleId,
        session_id: cycle.sessionId,
        scores: { lisbon: 4, porto: 3, stay: 1 },
        ranks: { lisbon: 1, porto: 2, stay: 3 },
        best_alternative_id: 'lisbon',
        dominated_alternatives: [
          { alternative_id: 'porto', dominated_by_id: 'lisbon', objective_ids: ['cost'] },
          { alternative_id: 'stay', dominated_by_id: 'lisbon', objective_ids: ['career', 'cost'] },
        ],
        irrelevant_objectives: ['weather'],
      },
    });
    expect(await storedResult(cycle.cycleId, 'pugh')).toMatchObject({ source_event_id: completion.event_id, source_sequence: '5', result: event.payload });
  });

  it('completing decision_quality publishes analysis.dq_computed with the weakest element as overall, acceptability and priorities', async () => {
    const cycle = new CycleEvents();
    const completion = cycle.completed(8, 'decision_quality', dqOutput([90, 85, 45, 75, 88, 80, 95]));
    await worker.publish(completion);

    const [event] = await analysisEventsOf(cycle.cycleId, 1);
    expect(event.event_type).toBe('analysis.dq_computed');
    expect(event.metadata).toMatchObject({ correlation_id: cycle.correlationId, causation_id: completion.event_id });
    expect(event.payload).toMatchObject({ overall_score: 45, acceptable: false });
    expect((event.payload.element_scores as { improvement_priority: string }[]).map((e) => e.improvement_priority)).toEqual(['low', 'low', 'high', 'low', 'low', 'low', 'low']);
  });

  it('other components are skipped: handled, but no result and no event', async () => {
    const cycle = new CycleEvents();
    const skipped = cycle.completed(3, 'alternatives', { alternatives: [{ id: 'a1', name: 'Stay', assumptions: [] }], status_quo_id: 'a1' });
    const marker = cycle.completed(4, 'decision_quality', dqOutput([80, 80, 80, 80, 80, 80, 80]));
    await worker.publish(skipped, marker);

    const events = await analysisEventsOf(cycle.cycleId, 1);
    await handled(skipped.event_id);
    expect(events.map((e) => [e.event_type, e.metadata.causation_id])).toEqual([['analysis.dq_computed', marker.event_id]]);
    expect(events[0].payload).toMatchObject({ overall_score: 80, acceptable: true });
    expect(await worker.query('SELECT kind FROM analysis_results WHERE cycle_id = $1', [cycle.cycleId])).toEqual([{ kind: 'dq' }]);
  });

  it('a redelivered completion is analysed once', async () => {
    const cycle = new CycleEvents();
    const completion = cycle.completed(5, 'consequences', CONSEQUENCES);
    const later = cycle.completed(6, 'decision_quality', dqOutput([70, 70, 70, 70, 70, 70, 70]));
    await worker.publish(completion, completion, later);

    await analysisEventsOf(cycle.cycleId, 2);
    await handled(later.event_id);
    const events = (await worker.streamed()).filter((e) => e.aggregate_id === cycle.cycleId && e.event_type.startsWith('analysis.'));
    expect(events.map((e) => [e.event_type, e.sequence])).toEqual([['analysis.pugh_computed', 1], ['analysis.dq_computed', 2]]);
    expect(await outboxRowsOf(cycle.cycleId)).toBe(2);
  });

  it('a revised component completed again replaces the result and publishes the recomputation', async () => {
    const cycle = new CycleEvents();
    const first = cycle.completed(5, 'consequences', CONSEQUENCES);
    const revised = cycle.completed(9, 'consequences', REVISED);
    await worker.publish(first, revised);

    const events = await analysisEventsOf(cycle.cycleId, 2);
    expect(events.map((e) => [e.metadata.causation_id, e.payload.best_alternative_id])).toEqual([[first.event_id, 'lisbon'], [revised.event_id, 'stay']]);
    expect(events[1].payload).toMatchObject({ scores: { stay: 4, porto: 3, lisbon: 2 }, ranks: { stay: 1, porto: 2, lisbon: 3 } });
    expect(events[1].payload.dominated_alternatives).toEqual([
      { alternative_id: 'lisbon', dominated_by_id: 'stay', objective_ids: ['career', 'cost'] },
      { alternative_id: 'porto', dominated_by_id: 'stay', objective_ids: ['career'] },
    ]);
    expect(await storedResult(cycle.cycleId, 'pugh')).toMatchObject({ source_event_id: revised.event_id, source_sequence: '9', result: events[1].payload });
  });

  it('a stale completion (delivered after a later one of the same component) never overwrites the newer result', async () => {
    const cycle = new CycleEvents();
    const newer = cycle.completed(9, 'consequences', REVISED);
    const older = cycle.completed(5, 'consequences', CONSEQUENCES);
    const marker = cycle.completed(10, 'decision_quality', dqOutput([90, 90, 90, 90, 90, 90, 90]));
    await worker.publish(newer, older, marker);

    const events = await analysisEventsOf(cycle.cycleId, 2);
    await handled(older.event_id);
    expect(events.map((e) => [e.event_type, e.metadata.causation_id])).toEqual([['analysis.pugh_computed', newer.event_id], ['analysis.dq_computed', marker.event_id]]);
    expect(await storedResult(cycle.cycleId, 'pugh')).toMatchObject({ source_event_id: newer.event_id, source_sequence: '9' });
    expect(await outboxRowsOf(cycle.cycleId)).toBe(2);
  });

  it('an output the event contract refuses never reaches the analysis: refused at publish, dead-lettered as invalid_payload when written anyway, and the cycle\'s later events flow on', async () => {
    const cycle = new CycleEvents();
    const broken = cycle.completed(5, 'consequences', { ...CONSEQUENCES, cells: { 'stay:cost': { rating: 7 } } });
    const next = cycle.completed(6, 'decision_quality', dqOutput([60, 60, 60, 60, 60, 60, 60]));
    await expect(worker.publish(broken)).rejects.toThrow(/invalid_payload/);
    await worker.publishUnchecked(broken);
    await worker.publish(next);

    const events = await analysisEventsOf(cycle.cycleId, 1);
    expect(events.map((e) => e.event_type)).toEqual(['analysis.dq_computed']);
    const [letter] = await worker.query('SELECT reason_code, error_message FROM dead_letter_events WHERE event_id = $1', [broken.event_id]);
    expect(letter).toMatchObject({ reason_code: 'invalid_payload', error_message: expect.stringContaining('payload.output') });
    expect(await storedResult(cycle.cycleId, 'pugh')).toBeUndefined();
  });
});
