import { Cycle } from './cycle.aggregate';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { COMPONENT_TYPES } from './component-type';
import { SESSION, META, annual, at, newCycle, completeThrough, codeOf } from './spec-support/cycle-builders';

describe('branching', () => {
  function parentAtConsequences(): Cycle {
    const parent = newCycle();
    completeThrough(parent, 'alternatives');
    parent.startComponent('consequences', annual);
    parent.updateComponentOutput('consequences', SAMPLE_OUTPUTS.consequences);
    parent.pullEvents(META);
    return parent;
  }

  it('copies components before the branch point, sets the branch point to needs_revision, resets the rest', () => {
    const parent = parentAtConsequences();
    const branch = Cycle.branchFrom(parent, 'consequences', { now: at(10) });
    const before = COMPONENT_TYPES.slice(0, 4);
    for (const type of before) {
      const { id: _parentId, ...parentRest } = parent.component(type);
      const { id: branchId, ...branchRest } = branch.component(type);
      expect(branchRest).toEqual(parentRest);
      expect(branchId).not.toBe(_parentId);
    }
    expect(branch.component('consequences')).toMatchObject({
      status: 'needs_revision',
      revision_reason: 'branched for exploration',
      output: SAMPLE_OUTPUTS.consequences,
    });
    for (const type of COMPONENT_TYPES.slice(5)) expect(branch.component(type)).toMatchObject({ status: 'not_started', output: null });
    expect(branch).toMatchObject({ sessionId: SESSION, parentCycleId: parent.id, branchPoint: 'consequences', status: 'active' });
    expect(branch.id).not.toBe(parent.id);
  });

  it('raises cycle.created then cycle.branched on the new cycle, and nothing on the parent', () => {
    const parent = parentAtConsequences();
    const branch = Cycle.branchFrom(parent, 'consequences', { now: at(10) });
    const events = branch.pullEvents(META);
    expect(events.map((e) => [e.event_type, e.aggregate_id])).toEqual([
      ['cycle.created', branch.id],
      ['cycle.branched', branch.id],
    ]);
    expect(events[0].payload).toEqual({ cycle_id: branch.id, session_id: SESSION, parent_cycle_id: parent.id, created_at: at(10).toISOString() });
    expect(events[1].payload).toEqual({
      cycle_id: branch.id,
      session_id: SESSION,
      parent_cycle_id: parent.id,
      branch_point_component: 'consequences',
      branched_at: at(10).toISOString(),
      copied_components: COMPONENT_TYPES.slice(0, 5).map((type) => ({
        component_type: type,
        component_id: branch.component(type).id,
        status: type === 'consequences' ? 'needs_revision' : 'complete',
        // what was copied complete carries its final output (the analysis worker computes the branch's results from it)
        ...(type === 'consequences' ? {} : { output: parent.component(type).output }),
      })),
    });
    expect(parent.raisedEvents).toEqual([]);
  });

  it('lets the branch go on from its branch point independently of the parent', () => {
    const parent = parentAtConsequences();
    const branch = Cycle.branchFrom(parent, 'consequences');
    branch.updateComponentOutput('consequences', { ...SAMPLE_OUTPUTS.consequences, cells: { ...(SAMPLE_OUTPUTS.consequences.cells as object), 'a2:o2': { rating: 1 } } });
    branch.completeComponent('consequences');
    branch.startComponent('tradeoffs', annual);
    expect(parent.component('consequences').status).toBe('in_progress');
    expect(parent.component('tradeoffs').status).toBe('not_started');
  });

  it('branches at a complete component too, and at issue_raising', () => {
    const parent = newCycle();
    completeThrough(parent, 'objectives');
    expect(Cycle.branchFrom(parent, 'objectives').component('objectives').status).toBe('needs_revision');
    const atStart = Cycle.branchFrom(parent, 'issue_raising');
    expect(atStart.components.map((c) => c.status)).toEqual(['needs_revision', ...Array(8).fill('not_started')]);
  });

  it('refuses a branch point that was never started', () => {
    const parent = parentAtConsequences();
    expect(parent.canBranchAt('tradeoffs')).toBe(false);
    expect(codeOf(() => Cycle.branchFrom(parent, 'tradeoffs'))).toBe('COMPONENT_NOT_STARTED');
  });

  it('refuses branching from a completed or archived cycle', () => {
    const completed = newCycle();
    completeThrough(completed, 'decision_quality');
    completed.complete(annual, 80);
    expect(codeOf(() => Cycle.branchFrom(completed, 'issue_raising'))).toBe('CYCLE_NOT_ACTIVE');
    const archived = newCycle();
    archived.startComponent('issue_raising', annual);
    archived.archive();
    expect(codeOf(() => Cycle.branchFrom(archived, 'issue_raising'))).toBe('CYCLE_NOT_ACTIVE');
  });
});
