import type { EventPayloads, EventType } from '../events/event-payloads';
import type { LiveEvent, LiveEventOf } from '../events/live-event';
import type { CycleView, SequencePosition, SessionView } from '../http/api-types';
import { COMPONENT_TYPES } from '../domain/vocabulary';

/** Test data for the client's own specs: views as the projector answers them, events as the gateway sends them. */
export const SESSION = '0192f0a0-0000-7000-8000-0000000000a1';
export const CYCLE = '0192f0a0-0000-7000-8000-0000000000b1';

let counter = 0;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

export function cycleView(cycleId = CYCLE, overrides: Partial<CycleView> = {}): CycleView {
  return {
    cycle_id: cycleId,
    parent_cycle_id: null,
    branch_point: null,
    status: 'active',
    created_at: new Date(T0).toISOString(),
    branched_at: null,
    completed_at: null,
    archived_at: null,
    progress: { completed: 0, required: 8, percent: 0 },
    components: COMPONENT_TYPES.map((component_type) => ({ component_type, status: 'not_started', message_count: 0, last_message_at: null, inherited_from: null })),
    pugh: null,
    dq: null,
    branches: [],
    ...overrides,
  };
}

export function sessionView(positions: SequencePosition[], overrides: Partial<SessionView> = {}): SessionView {
  return {
    session_id: SESSION,
    title: 'Where to live',
    status: 'active',
    created_at: new Date(T0).toISOString(),
    archived_at: null,
    last_updated_at: new Date(T0).toISOString(),
    cycle_count: 1,
    cycles: [cycleView()],
    positions,
    ...overrides,
  };
}

export function liveEvent<T extends EventType>(type: T, sequence: number, data: Partial<EventPayloads[T]>, correlationId: string | null = null): LiveEventOf<T> {
  counter += 1;
  return {
    event_id: `0192f0a0-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    event_type: type,
    session_id: SESSION,
    occurred_at: new Date(T0 + counter * 1000).toISOString(),
    sequence,
    correlation_id: correlationId,
    causation_id: null,
    data: { session_id: SESSION, ...data } as EventPayloads[T],
  };
}

export const renamed = (sequence: number, newTitle: string, correlationId: string | null = null) =>
  liveEvent('session.renamed', sequence, { old_title: 'x', new_title: newTitle }, correlationId);

export const componentEvent = (type: 'component.started' | 'component.completed', sequence: number, componentType = COMPONENT_TYPES[0], cycleId = CYCLE): LiveEvent =>
  liveEvent(type, sequence, { cycle_id: cycleId, component_id: '0192f0a0-0000-7000-8000-0000000000c1', component_type: componentType, started_at: '', completed_at: '', output: {} } as never) as LiveEvent;
