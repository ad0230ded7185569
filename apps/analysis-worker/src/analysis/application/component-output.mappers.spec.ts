import { validateComponentOutput } from '@choice-sherpa/events/outputs';
import { InvalidAnalysisInputError } from '../domain/analysis-error';
import { toConsequencesTable, toDqElements } from './component-output.mappers';

/** What the catalog lets through: schema-valid outputs (the mappers rely on it). */
function valid(type: 'consequences' | 'decision_quality', output: unknown): Record<string, unknown> {
  const result = validateComponentOutput(type, output);
  if (!result.ok) throw new Error(`test output invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('component output mappers', () => {
  it('reads a consequences output into the table, a missing cell counting 0', () => {
    const table = toConsequencesTable(valid('consequences', { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 2, rationale: 'x' } } }));
    expect(table.alternatives).toEqual(['a1', 'a2']);
    expect([table.rating('a1', 'o1'), table.rating('a2', 'o1')]).toEqual([2, 0]);
  });

  it('reads decision quality elements, leaving rationale and improvement text out', () => {
    const output = valid('decision_quality', { elements: [{ name: 'Clear Objectives', score: 70, rationale: 'r', improvement: 'i' }] });
    expect(toDqElements(output)).toEqual([{ name: 'Clear Objectives', score: 70 }]);
  });

  it('refuses "none written" ({}) instead of analysing it as empty', () => {
    expect(() => toConsequencesTable({})).toThrow(InvalidAnalysisInputError);
    expect(() => toDqElements({})).toThrow(/^output: no decision quality elements/);
  });
});
