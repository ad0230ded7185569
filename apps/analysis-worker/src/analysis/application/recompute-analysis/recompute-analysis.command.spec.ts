import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import type { CopiedComponent } from '@choice-sherpa/events';
import { RecomputeAnalysisCommand } from './recompute-analysis.command';

const CONSEQUENCES = { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 2 } } };
const DQ = { elements: [{ name: 'Clear Objectives', score: 70 }] };
const copy = (component_type: CopiedComponent['component_type'], status: CopiedComponent['status'], output?: Record<string, unknown>): CopiedComponent => ({
  component_type,
  component_id: `${component_type}-id`,
  status,
  ...(output ? { output } : {}),
});
const branched = (copied_components?: CopiedComponent[]) =>
  sampleEvent('cycle.branched', { payload: { branch_point_component: 'notes_next_steps', copied_components }, sequence: 2 });

describe('RecomputeAnalysisCommand.fromBranch (cycle.branched to the branch own analyses)', () => {
  it('one command per consequences / decision_quality copied complete, for the branch, from the copied output, caused and ordered by the cycle.branched', () => {
    const event = branched([copy('objectives', 'complete', { objectives: [] }), copy('consequences', 'complete', CONSEQUENCES), copy('decision_quality', 'complete', DQ), copy('notes_next_steps', 'needs_revision')]);
    const commands = RecomputeAnalysisCommand.fromBranch(event);
    expect(commands.map((c) => [c.component, c.output])).toEqual([
      ['consequences', CONSEQUENCES],
      ['decision_quality', DQ],
    ]);
    for (const command of commands) {
      expect(command).toMatchObject({ cycleId: event.payload.cycle_id, sessionId: event.payload.session_id, source: { eventId: event.event_id, sequence: 2, metadata: event.metadata } });
    }
  });

  it('nothing for a copy that is not complete (the branch point goes back to needs_revision), one without its output, or no list at all', () => {
    expect(RecomputeAnalysisCommand.fromBranch(branched([copy('consequences', 'needs_revision', CONSEQUENCES)]))).toEqual([]);
    expect(RecomputeAnalysisCommand.fromBranch(branched([copy('consequences', 'complete'), copy('decision_quality', 'in_progress', DQ)]))).toEqual([]);
    expect(RecomputeAnalysisCommand.fromBranch(branched(undefined))).toEqual([]);
  });
});
