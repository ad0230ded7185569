import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { TEST_REDIS_URL, waitFor } from '@choice-sherpa/platform/testing';
import { TestStack } from '../support';

// The analysis-worker as a process, SIGKILLed while it drains a backlog of completions and started again: every
// completion yields exactly one analysis event (re-publications carry the same event id), and each cycle's analysis
// events follow its completions' order.

const CYCLES = 40;
const COMPLETIONS_PER_CYCLE = 10;
const SETTLE_MS = 120_000;

const NAMES = ['Helpful Problem Frame', 'Clear Objectives', 'Creative Alternatives', 'Reliable Consequence Information', 'Logically Correct Reasoning', 'Clear Tradeoffs', 'Commitment to Follow Through'];

function completion(cycleId: string, sessionId: string, sequence: number): EventEnvelope {
  const consequences = sequence % 2 === 1;
  const output = consequences
    ? { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: sequence % 5 - 2 }, 'a2:o1': { rating: 0 } } }
    : { elements: NAMES.map((name) => ({ name, score: (sequence * 7) % 101 })) };
  return {
    event_id: randomUUID(),
    event_type: 'component.completed',
    aggregate_id: cycleId,
    aggregate_type: 'cycle',
    occurred_at: new Date().toISOString(),
    payload: { cycle_id: cycleId, session_id: sessionId, component_id: randomUUID(), component_type: consequences ? 'consequences' : 'decision_quality', output, completed_at: new Date().toISOString() },
    metadata: { correlation_id: randomUUID(), causation_id: null, user_id: 'crash-user', trace_id: null },
    schema_version: 1,
    sequence,
  };
}

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start({ services: ['analysis-worker'] });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

it('a worker SIGKILLed mid-backlog loses no analysis, doubles none and keeps each cycle\'s order', async () => {
  const completions: EventEnvelope[] = [];
  for (let c = 0; c < CYCLES; c++) {
    const cycleId = randomUUID();
    const sessionId = randomUUID();
    for (let s = 1; s <= COMPLETIONS_PER_CYCLE; s++) completions.push(completion(cycleId, sessionId, s));
  }
  const client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout: { prefix: stack.streamPrefix, partitions: stack.partitions } });
  const analysisEvents = async () => (await stack.streams.all()).map((entry) => entry.envelope).filter((e) => e.event_type.startsWith('analysis.'));
  try {
    // The backlog builds while the worker is stopped, so the kill below lands in the middle of draining it.
    const worker = stack.service('analysis-worker');
    await worker.stop();
    for (const event of completions) await client.publishEvent(event);
    worker.start();
    await worker.waitReady();
    await waitFor(async () => (await analysisEvents()).length >= 20, { timeoutMs: SETTLE_MS, what: 'the worker part-way through the backlog' });
    await worker.kill();
    const beforeRestart = new Set((await analysisEvents()).map((e) => e.metadata.causation_id));
    expect(beforeRestart.size).toBeLessThan(completions.length);
    worker.start();
    await worker.waitReady();

    const all = await waitFor(
      async () => {
        const events = await analysisEvents();
        return new Set(events.map((e) => e.metadata.causation_id)).size >= completions.length ? events : undefined;
      },
      { timeoutMs: SETTLE_MS, what: 'an analysis event for every completion' },
    );
    expect(worker.exits).toContain('signal SIGKILL');

    // Exactly once: one event id per completion (a re-published one is the same event), nothing caused by anything else.
    const idsByCause = new Map<string, Set<string>>();
    for (const event of all) idsByCause.set(event.metadata.causation_id!, (idsByCause.get(event.metadata.causation_id!) ?? new Set()).add(event.event_id));
    expect([...idsByCause.keys()].sort()).toEqual(completions.map((e) => e.event_id).sort());
    expect([...idsByCause.values()].filter((ids) => ids.size !== 1)).toEqual([]);

    // Order: per cycle, the first occurrence of each event in stream order has sequences 1..n and follows the completions.
    const seen = new Set<string>();
    const firsts = all.filter((e) => !seen.has(e.event_id) && seen.add(e.event_id) !== undefined);
    for (let c = 0; c < CYCLES; c++) {
      const ofCycle = completions.slice(c * COMPLETIONS_PER_CYCLE, (c + 1) * COMPLETIONS_PER_CYCLE);
      const events = firsts.filter((e) => e.aggregate_id === ofCycle[0].aggregate_id);
      expect(events.map((e) => e.sequence)).toEqual(ofCycle.map((_, i) => i + 1));
      expect(events.map((e) => e.metadata.causation_id)).toEqual(ofCycle.map((e) => e.event_id));
    }
  } finally {
    await client.close();
  }
}, 400_000);
