import fc from 'fast-check';
import { ConsequencesTable, RATING_MAX, RATING_MIN, RatedCell } from './consequences-table';
import { analysePugh, dominates } from './pugh-analysis';

interface TableInput {
  alternatives: string[];
  objectives: string[];
  cells: RatedCell[];
}

const rating = fc.integer({ min: RATING_MIN, max: RATING_MAX });
const ids = (prefix: string, max: number) =>
  fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 0, maxLength: max }).map((list) => list.map((id) => `${prefix}${id}`));

/** Up to 8 × 6 tables, some cells missing. */
const tableInput: fc.Arbitrary<TableInput> = fc.tuple(ids('a', 8), ids('o', 6)).chain(([alternatives, objectives]) =>
  fc
    .array(fc.option(rating, { nil: undefined }), { minLength: alternatives.length * objectives.length, maxLength: alternatives.length * objectives.length })
    .map((ratings) => ({
      alternatives,
      objectives,
      cells: alternatives.flatMap((alternativeId, i) =>
        objectives.flatMap((objectiveId, j) => {
          const value = ratings[i * objectives.length + j];
          return value === undefined ? [] : [{ alternativeId, objectiveId, rating: value }];
        }),
      ),
    })),
);

const build = ({ alternatives, objectives, cells }: TableInput) => ConsequencesTable.of(alternatives, objectives, cells);
const scoreMap = (table: ConsequencesTable) => new Map(analysePugh(table).scores.map((s) => [s.alternativeId, s.score]));

describe('Pugh analysis properties', () => {
  it('dominance is irreflexive', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const table = build(input);
      return table.alternatives.every((a) => !dominates(table, a, a));
    }));
  });

  it('dominance is asymmetric', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const table = build(input);
      return table.alternatives.every((a) => table.alternatives.every((b) => !(dominates(table, a, b) && dominates(table, b, a))));
    }));
  });

  it('a dominated alternative is never the best', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const result = analysePugh(build(input));
      return result.dominated.every((d) => d.alternativeId !== result.bestAlternativeId);
    }));
  });

  it('each dominated alternative is reported once, its dominator dominates it, and the objectives are exactly where it is strictly better', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const table = build(input);
      const { dominated } = analysePugh(table);
      expect(new Set(dominated.map((d) => d.alternativeId)).size).toBe(dominated.length);
      for (const d of dominated) {
        expect(dominates(table, d.dominatedById, d.alternativeId)).toBe(true);
        expect(d.objectiveIds).toEqual(table.objectives.filter((o) => table.rating(d.dominatedById, o) > table.rating(d.alternativeId, o)).sort());
      }
      const reported = new Set(dominated.map((d) => d.alternativeId));
      for (const b of table.alternatives) expect(reported.has(b)).toBe(table.alternatives.some((a) => dominates(table, a, b)));
    }));
  });

  it('the best alternative, when there is one, scores strictly more than every other; no best means a tie at the top', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const { scores, bestAlternativeId } = analysePugh(build(input));
      const top = Math.max(...scores.map((s) => s.score));
      const atTop = scores.filter((s) => s.score === top).map((s) => s.alternativeId);
      return bestAlternativeId === (atTop.length === 1 ? atTop[0] : null);
    }));
  });

  it('results do not depend on the order of alternatives or objectives', () => {
    const shuffled = tableInput.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray(input.alternatives, { minLength: input.alternatives.length }), fc.shuffledSubarray(input.objectives, { minLength: input.objectives.length }), fc.shuffledSubarray(input.cells, { minLength: input.cells.length })),
    );
    fc.assert(fc.property(shuffled, ([input, alternatives, objectives, cells]) => {
      expect(analysePugh(build({ alternatives, objectives, cells }))).toEqual(analysePugh(build(input)));
    }));
  });

  it('adding an objective on which everyone is rated the same changes no score difference, rank, best or domination', () => {
    fc.assert(fc.property(tableInput, rating, (input, common) => {
      const objective = 'o-common'; // generated objective ids are 'o' + 1..4 lower-case letters or digits: never this
      const before = analysePugh(build(input));
      const extended = build({
        alternatives: input.alternatives,
        objectives: [...input.objectives, objective],
        cells: [...input.cells, ...input.alternatives.map((alternativeId) => ({ alternativeId, objectiveId: objective, rating: common }))],
      });
      const after = analysePugh(extended);
      const scoresBefore = scoreMap(build(input));
      const scoresAfter = scoreMap(extended);
      for (const a of input.alternatives) for (const b of input.alternatives) {
        expect(scoresAfter.get(a)! - scoresAfter.get(b)!).toBe(scoresBefore.get(a)! - scoresBefore.get(b)!);
      }
      expect(after.scores.map((s) => [s.alternativeId, s.rank])).toEqual(before.scores.map((s) => [s.alternativeId, s.rank]));
      expect(after.bestAlternativeId).toBe(before.bestAlternativeId);
      expect(after.dominated).toEqual(before.dominated);
      expect(after.irrelevantObjectives.includes(objective)).toBe(input.alternatives.length >= 2);
    }));
  });

  it('an objective is irrelevant exactly when 2+ alternatives all have the same rating on it', () => {
    fc.assert(fc.property(tableInput, (input) => {
      const table = build(input);
      const irrelevant = new Set(analysePugh(table).irrelevantObjectives);
      return table.objectives.every((o) => irrelevant.has(o) === (table.alternatives.length >= 2 && new Set(table.alternatives.map((a) => table.rating(a, o))).size === 1));
    }));
  });
});
