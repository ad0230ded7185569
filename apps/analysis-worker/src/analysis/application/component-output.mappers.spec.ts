import { InvalidAnalysisInputError } from '../domain/analysis-error';
import { toConsequencesTable, toDqElements } from './component-output.mappers';

describe('component output mappers', () => {
  it('reads a consequences output into the table, missing cells counting 0', () => {
    const table = toConsequencesTable({ alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 2, rationale: 'x' } } });
    expect([table.rating('a1', 'o1'), table.rating('a2', 'o1')]).toEqual([2, 0]);
  });

  it.each([
    [{ objective_ids: [], cells: {} }, 'alternative_ids'],
    [{ alternative_ids: ['a1', 3], objective_ids: [], cells: {} }, 'alternative_ids'],
    [{ alternative_ids: ['a1'], objective_ids: ['o1'], cells: [] }, 'cells'],
    [{ alternative_ids: ['a1'], objective_ids: ['o1'], cells: { a1o1: { rating: 1 } } }, 'cells'],
    [{ alternative_ids: ['a1'], objective_ids: ['o1'], cells: { 'a1:o1:x': { rating: 1 } } }, 'cells'],
    [{ alternative_ids: ['a1'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: '1' } } }, 'cells'],
    [{ alternative_ids: ['a1'], objective_ids: ['o1'], cells: { 'a1:o1': null } }, 'cells'],
  ])('refuses a consequences output that is not one (%j), naming %s', (output, field) => {
    expect(() => toConsequencesTable(output as Record<string, unknown>)).toThrow(InvalidAnalysisInputError);
    expect(() => toConsequencesTable(output as Record<string, unknown>)).toThrow(new RegExp(`^${field}:`));
  });

  it('reads decision quality elements, ignoring rationale and improvement text', () => {
    expect(toDqElements({ elements: [{ name: 'Clear Objectives', score: 70, rationale: 'r', improvement: 'i' }] })).toEqual([{ name: 'Clear Objectives', score: 70 }]);
  });

  it.each([{}, { elements: {} }, { elements: [{ name: 'Clear Objectives' }] }, { elements: [{ score: 5 }] }, { elements: [null] }])('refuses elements that are not a list of named scores (%j)', (output) => {
    expect(() => toDqElements(output)).toThrow(/^elements:/);
  });
});
