import fc from 'fast-check';
import type { ComponentType } from './domain-vocabulary';
import { completionGaps } from './completion';
import { validateComponentOutput } from './component-output';

/** Ids a client could choose, distinct enough that finding one in a message can only mean it was repeated. */
const CHOSEN_ID = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{5,20}$/).map((id) => `q${id}`);

/** Outputs whose cross-field checks fail on ids: duplicates, references to nothing, cells of unknown rows. */
function brokenOutputs([a, b, c]: string[]): [ComponentType, unknown][] {
  return [
    ['issue_raising', { potential_decisions: [{ id: a, description: 'd', priority: 'high' }, { id: a, description: 'e', priority: 'low' }], uncertainties: [{ id: b, description: 'u' }, { id: b, description: 'v' }] }],
    ['objectives', { fundamental_objectives: [{ id: a, description: 'd' }], means_objectives: [{ id: a, description: 'm', supports: [b] }, { id: c, description: 'n', supports: [a] }] }],
    ['alternatives', { alternatives: [{ id: a, name: 'A' }, { id: a, name: 'B' }], status_quo_id: b }],
    ['consequences', { alternative_ids: [a, a], objective_ids: [b, b], cells: { [`${c}:${b}`]: { rating: 1 }, [`${a}:${c}`]: { rating: 0 } } }],
  ];
}

describe('output validation messages never repeat an id the client chose (README "Security")', () => {
  it('names positions in duplicate, dangling and unknown-row errors, in every message', () => {
    fc.assert(
      fc.property(fc.uniqueArray(CHOSEN_ID, { minLength: 3, maxLength: 3, selector: (id) => id.toLowerCase() }), (ids) => {
        for (const [type, output] of brokenOutputs(ids)) {
          const result = validateComponentOutput(type, output);
          expect(result.ok).toBe(false);
          const messages = result.ok ? [] : result.errors.map((error) => error.message);
          expect(messages.length).toBeGreaterThan(1);
          for (const id of ids) expect(messages.filter((message) => message.includes(id))).toEqual([]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('names missing consequence cells by their rows, not their ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(CHOSEN_ID, { minLength: 4, maxLength: 4, selector: (id) => id.toLowerCase() }), ([a1, a2, o1, o2]) => {
        const table = { alternative_ids: [a1, a2], objective_ids: [o1, o2], cells: { [`${a1}:${o1}`]: { rating: 0 }, [`${a2}:${o2}`]: { rating: 1 } } };
        const valid = validateComponentOutput('consequences', table);
        if (!valid.ok) throw new Error('expected a valid table');
        const gaps = completionGaps('consequences', valid.value);
        expect(gaps).toEqual(['a cell is needed for every alternative x objective; missing: alternative_ids[0] x objective_ids[1], alternative_ids[1] x objective_ids[0]']);
      }),
      { numRuns: 25 },
    );
  });
});
