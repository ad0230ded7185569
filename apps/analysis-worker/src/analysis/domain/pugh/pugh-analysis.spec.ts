import { InvalidAnalysisInputError } from '../analysis-error';
import { ConsequencesTable } from './consequences-table';
import { analysePugh, dominates } from './pugh-analysis';
import { tableOf } from './testing/table-builder';

describe('Pugh analysis', () => {
  describe('a worked example: four places to live rated on four objectives', () => {
    const table = tableOf({
      stay: { cost: 0, career: 0, family: 0, weather: 1 },
      lisbon: { cost: 2, career: 1, family: -1, weather: 1 },
      porto: { cost: 1, career: 1, family: -1, weather: 1 },
      berlin: { cost: -1, career: 1, family: -2, weather: 1 },
    });
    const result = analysePugh(table);

    it('scores each alternative with the sum of its ratings and ranks them', () => {
      expect(result.scores).toEqual([
        { alternativeId: 'lisbon', score: 3, rank: 1 },
        { alternativeId: 'porto', score: 2, rank: 2 },
        { alternativeId: 'stay', score: 1, rank: 3 },
        { alternativeId: 'berlin', score: -1, rank: 4 },
      ]);
    });

    it('names the single top scorer as the best', () => {
      expect(result.bestAlternativeId).toBe('lisbon');
    });

    it('reports each dominated alternative once, with its highest-scoring dominator and where it is strictly better', () => {
      // berlin is dominated by porto and by lisbon; lisbon scores higher, so it is the one reported
      expect(result.dominated).toEqual([
        { alternativeId: 'berlin', dominatedById: 'lisbon', objectiveIds: ['cost', 'family'] },
        { alternativeId: 'porto', dominatedById: 'lisbon', objectiveIds: ['cost'] },
      ]);
    });

    it('finds the objective on which every alternative is rated the same', () => {
      expect(result.irrelevantObjectives).toEqual(['weather']);
    });

    it('does not call an alternative dominated when it is better somewhere (stay is best on family)', () => {
      expect(table.alternatives.some((a) => dominates(table, a, 'stay'))).toBe(false);
    });
  });

  describe('edge cases', () => {
    it('a tie for the top score has no best alternative; tied alternatives share the rank and the next rank skips', () => {
      const result = analysePugh(tableOf({ a: { x: 2, y: -1 }, b: { x: -1, y: 2 }, c: { x: 0, y: 0 } }));
      expect(result.bestAlternativeId).toBeNull();
      expect(result.scores).toEqual([
        { alternativeId: 'a', score: 1, rank: 1 },
        { alternativeId: 'b', score: 1, rank: 1 },
        { alternativeId: 'c', score: 0, rank: 3 },
      ]);
      expect(result.dominated).toEqual([]);
    });

    it('when every alternative is rated the same everywhere: all tie, nothing dominated, every objective irrelevant', () => {
      const result = analysePugh(tableOf({ a: { x: 1, y: 1 }, b: { x: 1, y: 1 }, c: { x: 1, y: 1 } }));
      expect(result.scores.map((s) => [s.score, s.rank])).toEqual([[2, 1], [2, 1], [2, 1]]);
      expect(result.bestAlternativeId).toBeNull();
      expect(result.dominated).toEqual([]);
      expect(result.irrelevantObjectives).toEqual(['x', 'y']);
    });

    it('one alternative is the best, dominates nothing and makes no objective irrelevant', () => {
      const result = analysePugh(tableOf({ only: { x: -2, y: 1 } }));
      expect(result).toEqual({
        scores: [{ alternativeId: 'only', score: -1, rank: 1 }],
        bestAlternativeId: 'only',
        dominated: [],
        irrelevantObjectives: [],
      });
    });

    it('no alternatives: no scores and no best', () => {
      expect(analysePugh(ConsequencesTable.of([], ['x'], []))).toEqual({ scores: [], bestAlternativeId: null, dominated: [], irrelevantObjectives: [] });
    });

    it('no objectives: everyone scores 0, a tie, nothing dominated', () => {
      const result = analysePugh(ConsequencesTable.of(['a', 'b'], [], []));
      expect(result.scores).toEqual([{ alternativeId: 'a', score: 0, rank: 1 }, { alternativeId: 'b', score: 0, rank: 1 }]);
      expect(result.bestAlternativeId).toBeNull();
      expect(result.dominated).toEqual([]);
      expect(result.irrelevantObjectives).toEqual([]);
    });

    it('a missing cell counts as 0 in the score, in dominance and in irrelevance', () => {
      const table = tableOf({ a: { x: 1 }, b: { x: 1, y: 0 }, c: { y: -1 } }, ['x', 'y']);
      const result = analysePugh(table);
      expect(result.scores).toEqual([
        { alternativeId: 'a', score: 1, rank: 1 },
        { alternativeId: 'b', score: 1, rank: 1 },
        { alternativeId: 'c', score: -1, rank: 3 },
      ]);
      expect(dominates(table, 'a', 'b')).toBe(false); // a's missing y is 0, equal to b's 0
      expect(result.dominated).toEqual([{ alternativeId: 'c', dominatedById: 'a', objectiveIds: ['x', 'y'] }]);
      expect(analysePugh(tableOf({ a: {}, b: { y: 0 } }, ['y'])).irrelevantObjectives).toEqual(['y']);
    });

    it('ratings at the bounds: +2 everywhere dominates -2 everywhere on every objective', () => {
      const result = analysePugh(tableOf({ top: { x: 2, y: 2, z: 2 }, bottom: { x: -2, y: -2, z: -2 } }));
      expect(result.scores).toEqual([{ alternativeId: 'top', score: 6, rank: 1 }, { alternativeId: 'bottom', score: -6, rank: 2 }]);
      expect(result.dominated).toEqual([{ alternativeId: 'bottom', dominatedById: 'top', objectiveIds: ['x', 'y', 'z'] }]);
    });

    it('a dominator tie on score is broken by id, so the report does not depend on the listing order', () => {
      const rows = { b1: { x: 1, y: 0 }, a1: { x: 0, y: 1 }, low: { x: 0, y: 0 } };
      expect(analysePugh(tableOf(rows)).dominated).toEqual([{ alternativeId: 'low', dominatedById: 'a1', objectiveIds: ['y'] }]);
    });

    it('ids that are names on every JavaScript object are ordinary ids', () => {
      const result = analysePugh(tableOf({ constructor: { toString: 1 }, hasOwnProperty: { toString: 0 } }));
      expect(result.bestAlternativeId).toBe('constructor');
      expect(result.dominated).toEqual([{ alternativeId: 'hasOwnProperty', dominatedById: 'constructor', objectiveIds: ['toString'] }]);
    });
  });

  describe('the table refuses what cannot be analysed', () => {
    const refused = (build: () => unknown, field: string) => {
      expect(build).toThrow(InvalidAnalysisInputError);
      expect(build).toThrow(new RegExp(`^${field}:`));
    };

    it.each([3, -3, 1.5, Number.NaN])('a rating of %s', (rating) => {
      refused(() => ConsequencesTable.of(['a'], ['x'], [{ alternativeId: 'a', objectiveId: 'x', rating }]), 'cells');
    });

    it('a cell on an unknown alternative or objective, or the same cell twice', () => {
      refused(() => ConsequencesTable.of(['a'], ['x'], [{ alternativeId: 'b', objectiveId: 'x', rating: 0 }]), 'cells');
      refused(() => ConsequencesTable.of(['a'], ['x'], [{ alternativeId: 'a', objectiveId: 'y', rating: 0 }]), 'cells');
      const twice = { alternativeId: 'a', objectiveId: 'x', rating: 1 };
      refused(() => ConsequencesTable.of(['a'], ['x'], [twice, twice]), 'cells');
    });

    it('an id twice or an empty id', () => {
      refused(() => ConsequencesTable.of(['a', 'a'], ['x'], []), 'alternative_ids');
      refused(() => ConsequencesTable.of(['a'], ['x', 'x'], []), 'objective_ids');
      refused(() => ConsequencesTable.of([''], ['x'], []), 'alternative_ids');
    });

    it('the message names the rule, not the ids', () => {
      expect(() => ConsequencesTable.of(['secret-plan'], ['x'], [{ alternativeId: 'other-secret', objectiveId: 'x', rating: 0 }])).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('secret') }),
      );
    });
  });
});
