import type { ComponentType } from '@choice-sherpa/events/outputs';
import { EMPTY_CYCLE_CONTEXT, type CycleContext } from '../../application/cycle-context';
import { checkCandidate } from '../../domain/extraction-check';
import type { Message } from '../../domain/message';
import { OfflineFacilitator } from './offline.facilitator';

const facilitator = new OfflineFacilitator();
const CYCLE: CycleContext = {
  alternatives: [
    { id: 'a1', name: 'Stay where we are' },
    { id: 'a2', name: 'Move to Lisbon' },
  ],
  objectives: [
    { id: 'o1', description: 'Lower monthly costs' },
    { id: 'o2', description: 'Career growth' },
  ],
  statusQuoId: 'a1',
};

function history(...userTexts: string[]): Message[] {
  return userTexts.flatMap((content, i) => [
    { id: `q${i}`, role: 'assistant' as const, content: 'question', created_at: '2026-01-01T00:00:00.000Z' },
    { id: `u${i}`, role: 'user' as const, content, created_at: '2026-01-01T00:00:00.000Z' },
  ]);
}

async function extracted(type: ComponentType, texts: string[], cycle = CYCLE) {
  return checkCandidate(type, await facilitator.extract({ componentType: type, history: history(...texts), cycle }));
}

describe('offline facilitator extraction (the README grammar)', () => {
  it('issue_raising: headed lists, priorities and drivers; unlabelled answers go to the field asked about', async () => {
    const result = await extracted('issue_raising', [
      'Decisions:\n- Whether to move to Lisbon (high)\n- Which school',
      '- Lower cost of living\n- Keep career options open',
      'Uncertainties:\n- Remote work policy (driver: employer)',
    ]);
    expect(result).toEqual({
      ok: true,
      output: {
        potential_decisions: [
          { id: 'd1', description: 'Whether to move to Lisbon', priority: 'high' },
          { id: 'd2', description: 'Which school', priority: 'medium' },
        ],
        objectives: ['Lower cost of living', 'Keep career options open'],
        uncertainties: [{ id: 'u1', description: 'Remote work policy', driver: 'employer' }],
        considerations: [],
      },
    });
  });

  it('problem_frame: key lines, people with roles, typed and guessed constraints', async () => {
    const result = await extracted('problem_frame', [
      'Focal decision: Where should our family live from next summer?\nDecision maker: Alex (parent)',
      'Parties:\n- Sam (partner)\nConstraints:\n- financial: rent below 2500 a month\n- the visa takes three months\nDeadline: 2026-06-01',
    ]);
    expect(result).toMatchObject({
      ok: true,
      output: {
        focal_decision: 'Where should our family live from next summer?',
        decision_maker: { name: 'Alex', role: 'parent' },
        parties: [{ name: 'Sam', role: 'partner' }],
        constraints: [
          { constraint_type: 'financial', description: 'rent below 2500 a month' },
          { constraint_type: 'legal', description: 'the visa takes three months' },
        ],
        deadline: '2026-06-01',
      },
    });
  });

  it('objectives: directions, weights, and means objectives pointing at fundamental ones by name', async () => {
    const result = await extracted('objectives', [
      'Fundamental:\n- Lower monthly costs (minimize, weight 0.6)\n- Career growth (maximize, 40%)',
      'Means:\n- Cheaper rent -> Lower monthly costs',
    ]);
    expect(result).toEqual({
      ok: true,
      output: {
        fundamental_objectives: [
          { id: 'o1', description: 'Lower monthly costs', direction: 'minimize', weight: 0.6 },
          { id: 'o2', description: 'Career growth', direction: 'maximize', weight: 0.4 },
        ],
        means_objectives: [{ id: 'm3', description: 'Cheaper rent', supports: ['o1'] }],
      },
    });
  });

  it('alternatives: the status quo marked in the list or named when asked', async () => {
    const marked = await extracted('alternatives', ['- Stay where we are (status quo)\n- Move to Lisbon: rent a flat near the coast']);
    expect(marked).toMatchObject({ ok: true, output: { status_quo_id: 'a1', alternatives: [{ name: 'Stay where we are' }, { name: 'Move to Lisbon', description: 'rent a flat near the coast' }] } });
    const named = await extracted('alternatives', ['- Stay\n- Move', 'Stay']);
    expect(named).toMatchObject({ ok: true, output: { status_quo_id: 'a1' } });
  });

  it('consequences: a ratings table and single lines, labels resolved to the cycle\'s ids', async () => {
    const result = await extracted('consequences', [
      '| | Lower monthly costs | Career growth |\n|---|---|---|\n| Stay where we are | 0 | 0 |\n| Move to Lisbon | +1 cheaper rent | -1 |',
      'Move to Lisbon / Career growth: +2 because remote work (high uncertainty)',
    ]);
    expect(result).toEqual({
      ok: true,
      output: {
        alternative_ids: ['a1', 'a2'],
        objective_ids: ['o1', 'o2'],
        cells: {
          'a1:o1': { rating: 0 },
          'a1:o2': { rating: 0 },
          'a2:o1': { rating: 1, rationale: 'cheaper rent' },
          'a2:o2': { rating: 2, rationale: 'remote work', uncertainty: 'high' },
        },
      },
    });
  });

  it('consequences without a known cycle: the table defines the alternatives and objectives', async () => {
    const result = await extracted('consequences', ['| | cost | career |\n| stay | 0 | 0 |\n| move | much better | better |'], EMPTY_CYCLE_CONTEXT);
    expect(result).toMatchObject({ ok: true, output: { alternative_ids: ['stay', 'move'], objective_ids: ['cost', 'career'], cells: { 'move:cost': { rating: 2 } } } });
  });

  it('tradeoffs, recommendation, decision_quality and notes_next_steps', async () => {
    expect(await extracted('tradeoffs', ['Dominated:\n- Stay where we are by Move to Lisbon: worse on both', 'Tensions:\n- Move to Lisbon gains Career growth, loses Lower monthly costs'])).toMatchObject({
      ok: true,
      output: { dominated_alternatives: [{ alternative_id: 'a1', dominated_by_id: 'a2', explanation: 'worse on both' }], tensions: [{ alternative_id: 'a2', gains: ['o2'], losses: ['o1'] }] },
    });
    expect(await extracted('recommendation', ['Moving to Lisbon is better on both objectives, and remote work covers the main risk.', 'Move to Lisbon'])).toMatchObject({
      ok: true,
      output: { standout_alternative_id: 'a2' },
    });
    const dq = await extracted('decision_quality', [
      'Helpful Problem Frame: 85\nClear Objectives: 80 - agreed on both\nCreative Alternatives: 60 (improve: look for a third option)',
      'Reliable Consequence Information: 70\nLogically Correct Reasoning: 75',
      'Clear Tradeoffs: 80\nCommitment to Follow Through: 90',
    ]);
    expect(dq).toMatchObject({ ok: true, output: { elements: expect.arrayContaining([{ name: 'Creative Alternatives', score: 60, improvement: 'look for a third option' }]) } });
    expect(dq.ok && (dq.output.elements as unknown[]).length).toBe(7);
    expect(await extracted('notes_next_steps', ['Actions:\n- Give notice (owner: Alex, due: 2026-03-01)\nNotes:\n- Talk to the landlord'])).toMatchObject({
      ok: true,
      output: { planned_actions: [{ action: 'Give notice', owner: 'Alex', due_date: '2026-03-01' }], notes: ['Talk to the landlord'] },
    });
  });

  it('a fenced JSON block is taken as the component output; one for another component is refused by the schema', async () => {
    const own = await extracted('alternatives', ['```json\n{"alternatives": [{"id": "x", "name": "X", "assumptions": []}, {"id": "y", "name": "Y", "assumptions": []}], "status_quo_id": "x"}\n```']);
    expect(own).toMatchObject({ ok: true, output: { status_quo_id: 'x' } });
    const foreign = await extracted('alternatives', ['```json\n{"fundamental_objectives": [{"id": "o1", "description": "Pay"}]}\n```\n- A\n- B (status quo)']);
    expect(foreign).toMatchObject({ ok: false, problems: expect.arrayContaining([{ field: 'fundamental_objectives', message: 'unknown field' }]) });
  });

  it('asks for what is still missing, and streams its reply in pieces', async () => {
    const deltas: string[] = [];
    const text = await facilitator.reply({ componentType: 'alternatives', history: history('- Stay where we are'), cycle: CYCLE, intent: { kind: 'gather' } }, (d) => deltas.push(d));
    expect(text).toMatch(/at least two alternatives/);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(text);
  });
});
