import { EVENT_TYPES } from '../libs/events/src/catalog/event-registry';
import type { EventType } from '../libs/events/src/catalog/event-types';
import { sampleAggregateId, samplePayload } from '../libs/events/src/catalog/testing/sample-payloads';
import { createEvent } from '../libs/events/src/raising/event-factory';
import { parseStreamEntry } from '../libs/events/src/parse/parse-event';
import { writeResults } from './support/report';

function entryFor(type: EventType, sequence: number): Record<string, string> {
  const event = createEvent(type, {
    aggregateId: sampleAggregateId(type),
    payload: samplePayload(type),
    metadata: { correlationId: 'bench-correlation', userId: 'bench-user' },
  });
  return { type, data: JSON.stringify({ ...event, sequence }) };
}

function measure(entries: Record<string, string>[], iterations: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = parseStreamEntry(entries[i % entries.length]);
    if (!result.ok) throw new Error(`bench entry rejected: ${result.reason.code}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(iterations / seconds);
}

/** Parses (JSON + envelope + class-validator payload) per second on one core, all 19 event types mixed. */
export async function run(): Promise<void> {
  const entries = EVENT_TYPES.map((type, index) => entryFor(type, index + 1));
  measure(entries, 20_000);
  const mixed = measure(entries, 100_000);
  const heavy = measure([entryFor('analysis.pugh_computed', 1), entryFor('component.completed', 1)], 50_000);
  writeResults('event-parse', {
    'parses/s, all types mixed': mixed,
    'parses/s, nested payloads (pugh, component.completed)': heavy,
  });
}
