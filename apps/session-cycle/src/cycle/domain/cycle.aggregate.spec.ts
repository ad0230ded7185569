import { validatePendingEvent } from '@choice-sherpa/events/parse';
import { Cycle } from './cycle.aggregate';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { COMPONENT_TYPES } from './component-type';
import { SESSION, CYCLE, META, T0, annual, monthly, free, at, newCycle, completeThrough, expectRefused } from './spec-support/cycle-builders';

describe('Cycle.create', () => {
  it('has all nine components not_started, in order, with distinct ids', () => {
    const cycle = Cycle.create({ sessionId: SESSION, now: T0 });
    expect(cycle.components.map((c) => [c.component_type, c.status, c.output])).toEqual(COMPONENT_TYPES.map((t) => [t, 'not_started', null]));
    expect(new Set(cycle.components.map((c) => c.id)).size).toBe(9);
    expect(cycle.status).toBe('active');
    expect(cycle.progress()).toEqual({ completed: 0, required: 8, percent: 0 });
  });

  it('raises cycle.created with session_id and a null parent', () => {
    const cycle = Cycle.create({ sessionId: SESSION, id: CYCLE, now: T0 });
    const [event] = cycle.pullEvents(META);
    expect(event).toMatchObject({
      event_type: 'cycle.created',
      aggregate_id: CYCLE,
      aggregate_type: 'cycle',
      occurred_at: T0.toISOString(),
      payload: { cycle_id: CYCLE, session_id: SESSION, parent_cycle_id: null, created_at: T0.toISOString() },
      metadata: { correlation_id: META.correlationId, user_id: 'user-1' },
    });
  });
});

describe('starting components', () => {
  it('starts issue_raising and raises component.started with the component ids', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', free, at(1));
    const component = cycle.component('issue_raising');
    expect(component).toMatchObject({ status: 'in_progress', started_at: at(1).toISOString() });
    expect(cycle.pullEvents(META).map((e) => [e.event_type, e.payload])).toEqual([
      [
        'component.started',
        { cycle_id: CYCLE, session_id: SESSION, component_id: component.id, component_type: 'issue_raising', started_at: at(1).toISOString() },
      ],
    ]);
  });

  it('refuses skipping ahead', () => {
    const cycle = newCycle();
    expectRefused(cycle, 'PREREQUISITE_NOT_STARTED', () => cycle.startComponent('problem_frame', annual));
    cycle.startComponent('issue_raising', annual);
    expectRefused(cycle, 'PREREQUISITE_NOT_STARTED', () => cycle.startComponent('objectives', annual));
  });

  it('allows the next one once the previous is started, not necessarily complete', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    cycle.startComponent('problem_frame', annual);
    expect(cycle.statusOf('problem_frame')).toBe('in_progress');
  });

  it('refuses starting a started component (INVALID_TRANSITION), whatever its state', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.startComponent('issue_raising', annual));
    cycle.completeComponent('issue_raising');
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.startComponent('issue_raising', annual));
    cycle.markComponentForRevision('issue_raising', 'rethink');
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.startComponent('issue_raising', annual));
  });

  it('refuses decision_quality on the free tier with TIER_LIMIT, and lets free users go on to notes_next_steps', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'recommendation', free);
    expectRefused(cycle, 'TIER_LIMIT', () => cycle.startComponent('decision_quality', free));
    cycle.startComponent('notes_next_steps', free);
    expect(cycle.statusOf('notes_next_steps')).toBe('in_progress');
  });

  it('allows decision_quality on monthly', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'recommendation', monthly);
    cycle.startComponent('decision_quality', monthly);
    expect(cycle.statusOf('decision_quality')).toBe('in_progress');
  });
});

describe('component output', () => {
  it('stores the clean output and raises component.output_updated with a content-free summary', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    cycle.pullEvents(META);
    const clean = cycle.updateComponentOutput('issue_raising', SAMPLE_OUTPUTS.issue_raising, at(2));
    expect(clean).toEqual(SAMPLE_OUTPUTS.issue_raising);
    expect(cycle.component('issue_raising').output).toEqual(SAMPLE_OUTPUTS.issue_raising);
    const [event] = cycle.pullEvents(META);
    expect(event.event_type).toBe('component.output_updated');
    expect(event.payload).toEqual({
      cycle_id: CYCLE,
      session_id: SESSION,
      component_id: cycle.component('issue_raising').id,
      component_type: 'issue_raising',
      output: SAMPLE_OUTPUTS.issue_raising,
      output_summary: 'potential_decisions: 1, objectives: 1, uncertainties: 1, considerations: 1',
      updated_at: at(2).toISOString(),
    });
  });

  it('refuses output for a component that was never started', () => {
    const cycle = newCycle();
    expectRefused(cycle, 'COMPONENT_NOT_STARTED', () => cycle.updateComponentOutput('issue_raising', SAMPLE_OUTPUTS.issue_raising));
    expect(cycle.acceptsOutput('issue_raising')).toBe(false);
  });

  it('locks the output of a complete component until it is marked for revision', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'issue_raising');
    expect(cycle.acceptsOutput('issue_raising')).toBe(false);
    expectRefused(cycle, 'OUTPUT_LOCKED', () => cycle.updateComponentOutput('issue_raising', {}));
    cycle.markComponentForRevision('issue_raising', 'new facts');
    expect(cycle.acceptsOutput('issue_raising')).toBe(true);
    cycle.updateComponentOutput('issue_raising', {});
    // the status changes only through its own events: still needs_revision until completed again
    expect(cycle.component('issue_raising')).toMatchObject({ status: 'needs_revision', output: { potential_decisions: [] } });
    cycle.completeComponent('issue_raising');
    expect(cycle.component('issue_raising')).toMatchObject({ status: 'complete', revision_reason: null });
  });

  it('refuses invalid output with INVALID_OUTPUT and changes nothing', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    cycle.updateComponentOutput('issue_raising', SAMPLE_OUTPUTS.issue_raising);
    expectRefused(cycle, 'INVALID_OUTPUT', () => cycle.updateComponentOutput('issue_raising', { potential_decisions: 'nope' }));
    expect(cycle.component('issue_raising').output).toEqual(SAMPLE_OUTPUTS.issue_raising);
  });

  it('does not let callers mutate the stored output through returned copies', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    const input = structuredClone(SAMPLE_OUTPUTS.issue_raising);
    cycle.updateComponentOutput('issue_raising', input);
    (input.objectives as string[]).push('sneaky');
    (cycle.component('issue_raising').output!.objectives as string[]).push('sneaky');
    expect(cycle.component('issue_raising').output).toEqual(SAMPLE_OUTPUTS.issue_raising);
  });
});

describe('completing components', () => {
  it('raises component.completed with the final output', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    cycle.updateComponentOutput('issue_raising', SAMPLE_OUTPUTS.issue_raising);
    cycle.pullEvents(META);
    cycle.completeComponent('issue_raising', at(3));
    const [event] = cycle.pullEvents(META);
    expect(event.event_type).toBe('component.completed');
    expect(event.payload).toMatchObject({ component_type: 'issue_raising', session_id: SESSION, output: SAMPLE_OUTPUTS.issue_raising, completed_at: at(3).toISOString() });
    expect(cycle.component('issue_raising')).toMatchObject({ status: 'complete', completed_at: at(3).toISOString() });
  });

  it('completes a component without a completion rule even without output (output {})', () => {
    const cycle = newCycle();
    cycle.startComponent('issue_raising', annual);
    cycle.completeComponent('issue_raising');
    expect(cycle.raisedEvents.at(-1)).toMatchObject({ type: 'component.completed', payload: { output: {} } });
  });

  it('refuses completing a never-started component (COMPONENT_NOT_STARTED) and a complete one (INVALID_TRANSITION)', () => {
    const cycle = newCycle();
    expectRefused(cycle, 'COMPONENT_NOT_STARTED', () => cycle.completeComponent('issue_raising'));
    completeThrough(cycle, 'issue_raising');
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.completeComponent('issue_raising'));
  });

  it.each([
    ['objectives', { fundamental_objectives: [], means_objectives: [] }],
    ['alternatives', { alternatives: [{ id: 'a1', name: 'Stay' }], status_quo_id: 'a1' }],
    ['consequences', { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 0 } } }],
    ['decision_quality', { elements: [{ name: 'Clear Objectives', score: 90 }] }],
  ] as const)('refuses completing %s when its completion rule is unmet', (type, output) => {
    const cycle = newCycle();
    completeThrough(cycle, COMPONENT_TYPES[COMPONENT_TYPES.indexOf(type) - 1]);
    cycle.startComponent(type, annual);
    cycle.updateComponentOutput(type, output);
    expectRefused(cycle, 'COMPLETION_RULE_UNMET', () => cycle.completeComponent(type));
  });

  it('counts progress over the eight required components', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'alternatives');
    expect(cycle.progress()).toEqual({ completed: 4, required: 8, percent: 50 });
    const full = Cycle.create({ sessionId: SESSION });
    completeThrough(full, 'notes_next_steps');
    expect(full.progress()).toEqual({ completed: 8, required: 8, percent: 100 });
    const three = newCycle();
    completeThrough(three, 'problem_frame');
    three.startComponent('objectives', annual);
    expect(three.progress().percent).toBe(25);
  });
});

describe('marking for revision', () => {
  it('moves in_progress and complete components to needs_revision and raises component.marked_for_revision', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'issue_raising');
    cycle.startComponent('problem_frame', annual);
    cycle.pullEvents(META);
    cycle.markComponentForRevision('issue_raising', '  the budget changed  ', at(5));
    cycle.markComponentForRevision('problem_frame', 'scope too wide', at(6));
    expect(cycle.component('issue_raising')).toMatchObject({ status: 'needs_revision', revision_reason: 'the budget changed' });
    const events = cycle.pullEvents(META);
    expect(events.map((e) => e.event_type)).toEqual(['component.marked_for_revision', 'component.marked_for_revision']);
    expect(events[0].payload).toMatchObject({ component_type: 'issue_raising', session_id: SESSION, reason: 'the budget changed', marked_at: at(5).toISOString() });
  });

  it('refuses a never-started component, one already needing revision, and a blank reason', () => {
    const cycle = newCycle();
    expectRefused(cycle, 'COMPONENT_NOT_STARTED', () => cycle.markComponentForRevision('issue_raising', 'why'));
    cycle.startComponent('issue_raising', annual);
    cycle.markComponentForRevision('issue_raising', 'why');
    expectRefused(cycle, 'INVALID_TRANSITION', () => cycle.markComponentForRevision('issue_raising', 'again'));
    expectRefused(cycle, 'VALIDATION_FAILED', () => cycle.markComponentForRevision('issue_raising', '   '));
  });

  it('lets a needs_revision component complete again', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'objectives');
    cycle.markComponentForRevision('objectives', 'add a measure');
    cycle.completeComponent('objectives');
    expect(cycle.component('objectives')).toMatchObject({ status: 'complete', revision_reason: null });
    expect(cycle.canRevise('objectives')).toBe(true);
  });
});

describe('snapshots', () => {
  it('round-trips through a snapshot without raising events', () => {
    const cycle = newCycle();
    completeThrough(cycle, 'objectives');
    cycle.markComponentForRevision('problem_frame', 'reframe');
    const snapshot = cycle.toSnapshot();
    const restored = Cycle.fromSnapshot(JSON.parse(JSON.stringify({ ...snapshot, version: 4 })));
    expect(restored.raisedEvents).toEqual([]);
    expect(restored.toSnapshot()).toEqual({ ...snapshot, version: 4 });
    restored.startComponent('alternatives', annual);
    expect(restored.raisedEvents.map((e) => e.type)).toEqual(['component.started']);
  });

  it('refuses a corrupt snapshot loudly', () => {
    const snapshot = newCycle().toSnapshot();
    expect(() => Cycle.fromSnapshot({ ...snapshot, components: snapshot.components.slice(1) })).toThrow(/corrupt cycle snapshot/);
    expect(() => Cycle.fromSnapshot({ ...snapshot, status: 'weird' as never })).toThrow(/corrupt cycle snapshot/);
  });
});

describe('the whole journey', () => {
  it('walks all nine components on the annual tier and raises valid catalog events in order', () => {
    const cycle = Cycle.create({ sessionId: SESSION, id: CYCLE, now: T0 });
    for (const type of COMPONENT_TYPES) {
      cycle.startComponent(type, annual);
      cycle.updateComponentOutput(type, SAMPLE_OUTPUTS[type]);
      cycle.completeComponent(type);
    }
    cycle.complete(annual, 70);
    const events = cycle.pullEvents(META);
    expect(events.map((e) => e.event_type)).toEqual([
      'cycle.created',
      ...COMPONENT_TYPES.flatMap(() => ['component.started', 'component.output_updated', 'component.completed']),
      'cycle.completed',
    ]);
    expect(events.map((e) => (e.payload as { component_type?: string }).component_type).filter(Boolean)).toEqual(
      COMPONENT_TYPES.flatMap((t) => [t, t, t]),
    );
    for (const event of events) {
      expect(validatePendingEvent(event)).toEqual({ ok: true });
      expect(event.payload).toHaveProperty('session_id', SESSION);
    }
  });
});
