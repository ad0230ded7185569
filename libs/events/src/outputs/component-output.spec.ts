import { COMPONENT_TYPES, type ComponentType } from './domain-vocabulary';
import { summarizeOutput, validateComponentOutput } from './component-output';
import { DQ_ELEMENT_NAMES } from './decision-quality.output';
import { SAMPLE_OUTPUTS } from './testing/sample-outputs';

/** A deep copy of the sample with `path` (e.g. "alternatives.0.name") set to `value`. */
function sampleWith(type: ComponentType, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(SAMPLE_OUTPUTS[type]);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

function errorsOf(type: ComponentType, value: unknown): { field: string; message: string }[] {
  const result = validateComponentOutput(type, value);
  if (result.ok) throw new Error(`expected ${type} output to be invalid`);
  return result.errors;
}

/** Per component: a string field, its bound, a list field, its bound, and a field to give the wrong type. */
const CASES: Record<ComponentType, { text: [string, string, number]; list: [string, string, number, unknown]; wrongType: [string, string] }> = {
  issue_raising: {
    text: ['potential_decisions.0.description', 'potential_decisions[0].description', 2000],
    list: ['considerations', 'considerations', 50, 'x'],
    wrongType: ['objectives', 'objectives'],
  },
  problem_frame: {
    text: ['focal_decision', 'focal_decision', 2000],
    list: ['parties', 'parties', 50, { name: 'n', role: 'r' }],
    wrongType: ['decision_maker', 'decision_maker'],
  },
  objectives: {
    text: ['fundamental_objectives.0.description', 'fundamental_objectives[0].description', 2000],
    list: ['fundamental_objectives', 'fundamental_objectives', 20, { id: 'x', description: 'd' }],
    wrongType: ['fundamental_objectives.0.weight', 'fundamental_objectives[0].weight'],
  },
  alternatives: {
    text: ['alternatives.1.name', 'alternatives[1].name', 100],
    list: ['alternatives', 'alternatives', 20, { id: 'x', name: 'n' }],
    wrongType: ['status_quo_id', 'status_quo_id'],
  },
  consequences: {
    text: ['cells.a1:o2.rationale', 'cells["a1:o2"].rationale', 2000],
    list: ['alternative_ids', 'alternative_ids', 20, 'x'],
    wrongType: ['cells.a1:o1.rating', 'cells["a1:o1"].rating'],
  },
  tradeoffs: {
    text: ['tensions.0.alternative_id', 'tensions[0].alternative_id', 64],
    list: ['tensions.0.gains', 'tensions[0].gains', 20, 'o1'],
    wrongType: ['tensions', 'tensions'],
  },
  recommendation: {
    text: ['synthesis', 'synthesis', 10_000],
    list: ['caveats', 'caveats', 20, 'c'],
    wrongType: ['standout_alternative_id', 'standout_alternative_id'],
  },
  decision_quality: {
    text: ['elements.0.rationale', 'elements[0].rationale', 2000],
    list: ['elements', 'elements', 7, { name: 'Clear Objectives', score: 1 }],
    wrongType: ['elements.0.score', 'elements[0].score'],
  },
  notes_next_steps: {
    text: ['planned_actions.0.action', 'planned_actions[0].action', 500],
    list: ['open_questions', 'open_questions', 50, 'q'],
    wrongType: ['notes', 'notes'],
  },
};

describe.each(COMPONENT_TYPES)('%s output schema', (type) => {
  const { text, list, wrongType } = CASES[type];

  it('accepts the valid sample and returns an equal clean copy', () => {
    const result = validateComponentOutput(type, SAMPLE_OUTPUTS[type]);
    expect(result).toEqual({ ok: true, value: SAMPLE_OUTPUTS[type] });
    if (result.ok) expect(result.value).not.toBe(SAMPLE_OUTPUTS[type]);
  });

  it('survives a JSON round trip (what the HTTP layer and the database hand over)', () => {
    expect(validateComponentOutput(type, JSON.parse(JSON.stringify(SAMPLE_OUTPUTS[type]))).ok).toBe(true);
  });

  it('rejects an unknown top-level field by name', () => {
    expect(errorsOf(type, { ...SAMPLE_OUTPUTS[type], extra_field: 1 })).toContainEqual({ field: 'extra_field', message: 'unknown field' });
  });

  it('rejects __proto__ and constructor keys', () => {
    const withProto = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(SAMPLE_OUTPUTS[type]).slice(1)}`);
    expect(errorsOf(type, withProto)).toContainEqual({ field: '__proto__', message: 'forbidden key' });
    expect(errorsOf(type, { ...SAMPLE_OUTPUTS[type], constructor: 'x' })).toContainEqual({ field: 'constructor', message: 'forbidden key' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a field of the wrong type, naming it', () => {
    const errors = errorsOf(type, sampleWith(type, wrongType[0], true));
    expect(errors).toEqual([{ field: wrongType[1], message: expect.stringMatching(/^must be an? \w+, got boolean$/) }]);
  });

  it('rejects an oversized string, naming it', () => {
    const errors = errorsOf(type, sampleWith(type, text[0], 'x'.repeat(text[2] + 1)));
    expect(errors).toContainEqual({ field: text[1], message: `too long (at most ${text[2]} characters)` });
  });

  it('accepts a string at its bound', () => {
    const atBound = type === 'tradeoffs' ? `a${'b'.repeat(text[2] - 1)}` : 'x'.repeat(text[2]);
    expect(validateComponentOutput(type, sampleWith(type, text[0], atBound)).ok).toBe(true);
  });

  it('rejects an oversized list, naming it', () => {
    const errors = errorsOf(type, sampleWith(type, list[0], Array.from({ length: list[2] + 1 }, () => list[3])));
    expect(errors).toContainEqual({ field: list[1], message: `too many items (at most ${list[2]})` });
  });

  it('rejects a non-object output', () => {
    expect(errorsOf(type, [])).toEqual([{ field: '(root)', message: 'must be an object, got array' }]);
    expect(errorsOf(type, null)[0].message).toBe('must be an object, got null');
  });
});

describe('output rules beyond shape', () => {
  it('rates consequences only from -2 to +2, integers', () => {
    for (const rating of [-3, 3, 1.5]) {
      const errors = errorsOf('consequences', sampleWith('consequences', 'cells.a2:o1.rating', rating));
      expect(errors[0].field).toBe('cells["a2:o1"].rating');
    }
    expect(errorsOf('consequences', sampleWith('consequences', 'cells.a2:o1.rating', 3))[0].message).toBe('out of range (-2 to 2)');
    for (const rating of [-2, 2]) expect(validateComponentOutput('consequences', sampleWith('consequences', 'cells.a2:o1.rating', rating)).ok).toBe(true);
  });

  it('rejects consequence cells that name unknown alternatives or objectives, or malformed keys', () => {
    const table = structuredClone(SAMPLE_OUTPUTS.consequences) as { cells: Record<string, unknown> };
    table.cells['a9:o1'] = { rating: 0 };
    table.cells['a1:o9'] = { rating: 0 };
    table.cells['nocolon'] = { rating: 0 };
    const fields = errorsOf('consequences', table).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['cells["nocolon"]']));
    const refs = { ...table, cells: { 'a9:o1': { rating: 0 }, 'a1:o9': { rating: 0 } } };
    expect(errorsOf('consequences', refs).map((e) => e.field)).toEqual(['cells["a9:o1"]', 'cells["a1:o9"]']);
  });

  it('rejects an out-of-range objective weight and an unknown direction', () => {
    expect(errorsOf('objectives', sampleWith('objectives', 'fundamental_objectives.0.weight', 1.5))[0]).toEqual({
      field: 'fundamental_objectives[0].weight',
      message: 'out of range (0 to 1)',
    });
    expect(errorsOf('objectives', sampleWith('objectives', 'fundamental_objectives.0.direction', 'sideways'))[0].field).toBe(
      'fundamental_objectives[0].direction',
    );
  });

  it('rejects duplicate ids and supports that name no objective', () => {
    const objectives = structuredClone(SAMPLE_OUTPUTS.objectives) as { fundamental_objectives: { id: string }[]; means_objectives: { supports: string[] }[] };
    objectives.fundamental_objectives[1].id = 'o1';
    objectives.means_objectives[0].supports = ['o7'];
    expect(errorsOf('objectives', objectives)).toEqual([
      { field: 'fundamental_objectives[1].id', message: 'duplicate id (same as fundamental_objectives[0].id)' },
      { field: 'means_objectives[0].supports[0]', message: 'names no objective' },
    ]);
  });

  it('rejects a status_quo_id that names no alternative, accepts null while building', () => {
    expect(errorsOf('alternatives', sampleWith('alternatives', 'status_quo_id', 'a9'))).toEqual([
      { field: 'status_quo_id', message: 'names no alternative' },
    ]);
    expect(validateComponentOutput('alternatives', sampleWith('alternatives', 'status_quo_id', null))).toMatchObject({ ok: true, value: { status_quo_id: null } });
  });

  it('enforces the alternative name bounds (1 to 100) and id format', () => {
    expect(errorsOf('alternatives', sampleWith('alternatives', 'alternatives.0.name', '   '))[0]).toEqual({ field: 'alternatives[0].name', message: 'must not be blank' });
    expect(errorsOf('alternatives', sampleWith('alternatives', 'alternatives.1.id', 'has space'))[0].field).toBe('alternatives[1].id');
  });

  it('needs a focal decision of at least 10 characters and a known constraint type', () => {
    expect(errorsOf('problem_frame', sampleWith('problem_frame', 'focal_decision', 'Too short'))[0]).toEqual({
      field: 'focal_decision',
      message: 'too short (at least 10 characters)',
    });
    expect(errorsOf('problem_frame', sampleWith('problem_frame', 'constraints.0.constraint_type', 'moral'))[0].field).toBe('constraints[0].constraint_type');
  });

  it('needs a recommendation synthesis of at least 50 characters', () => {
    expect(errorsOf('recommendation', sampleWith('recommendation', 'synthesis', 'short'))[0].field).toBe('synthesis');
  });

  it('accepts only the seven DQ element names, once each, scored 0 to 100', () => {
    expect(errorsOf('decision_quality', sampleWith('decision_quality', 'elements.0.name', 'Vibes'))[0].field).toBe('elements[0].name');
    expect(errorsOf('decision_quality', sampleWith('decision_quality', 'elements.0.score', 101))[0]).toEqual({
      field: 'elements[0].score',
      message: 'out of range (0 to 100)',
    });
    const dup = { elements: [{ name: DQ_ELEMENT_NAMES[0], score: 1 }, { name: DQ_ELEMENT_NAMES[0], score: 2 }] };
    expect(errorsOf('decision_quality', dup)).toEqual([{ field: 'elements[1].name', message: 'duplicate element (same as elements[0].name)' }]);
  });

  it('fills absent lists with empty ones and leaves absent optionals out', () => {
    expect(validateComponentOutput('issue_raising', {})).toEqual({
      ok: true,
      value: { potential_decisions: [], objectives: [], uncertainties: [], considerations: [] },
    });
    expect(validateComponentOutput('problem_frame', { decision_maker: { name: 'Sam', role: 'me' }, focal_decision: 'Which job offer to take?' })).toEqual({
      ok: true,
      value: {
        decision_maker: { name: 'Sam', role: 'me' },
        focal_decision: 'Which job offer to take?',
        constraints: [],
        parties: [],
        decision_hierarchy: { already_made: [], deferred: [] },
      },
    });
  });

  it('requires the required scalars', () => {
    expect(errorsOf('problem_frame', {})).toEqual([
      { field: 'decision_maker', message: 'is required' },
      { field: 'focal_decision', message: 'is required' },
    ]);
  });

  it('trims strings', () => {
    const result = validateComponentOutput('notes_next_steps', { notes: ['  call Alex  '] });
    expect(result).toMatchObject({ ok: true, value: { notes: ['call Alex'] } });
  });

  it('names a nested unknown field with its full path', () => {
    expect(errorsOf('issue_raising', sampleWith('issue_raising', 'potential_decisions.0.secret', 1))).toEqual([
      { field: 'potential_decisions[0].secret', message: 'unknown field' },
    ]);
  });
});

describe('summarizeOutput', () => {
  it('counts items and never repeats the user text', () => {
    const summary = summarizeOutput(SAMPLE_OUTPUTS.alternatives);
    expect(summary).toBe('alternatives: 2, status_quo_id: set');
    for (const type of COMPONENT_TYPES) {
      const summary = summarizeOutput(SAMPLE_OUTPUTS[type]);
      expect(summary).not.toMatch(/Acme|Sam|commute|Alex/);
      expect(summary.length).toBeLessThanOrEqual(4000);
    }
  });
});

describe('past the error limit', () => {
  it('never runs cross-field checks on a half-parsed value (no crash after 50 errors)', () => {
    const bad = { id: 1, description: 2, measure: 3, direction: 4, weight: 'x' };
    const hostile = { fundamental_objectives: Array.from({ length: 20 }, () => bad), means_objectives: 'not a list' };
    const result = validateComponentOutput('objectives', hostile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(50);
  });
});
