import { InvalidAnalysisInputError } from '../analysis-error';

export const RATING_MIN = -2;
export const RATING_MAX = 2;

/** One cell of the consequences table: how an alternative does on an objective, -2 (much worse) .. +2 (much better). */
export interface RatedCell {
  alternativeId: string;
  objectiveId: string;
  rating: number;
}

/**
 * The consequences table the Pugh analysis reads: alternatives × objectives with a rating per cell. A missing cell
 * counts as 0 ("same"), everywhere: in scores, dominance and irrelevance.
 */
export class ConsequencesTable {
  private constructor(
    readonly alternatives: readonly string[],
    readonly objectives: readonly string[],
    private readonly cells: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ) {}

  /** Checks the table's own rules: ids unique and non-empty, every cell on a listed pair, ratings integers in -2..+2. */
  static of(alternatives: readonly string[], objectives: readonly string[], cells: Iterable<RatedCell>): ConsequencesTable {
    unique(alternatives, 'alternative_ids');
    unique(objectives, 'objective_ids');
    const objectiveSet = new Set(objectives);
    const rows = new Map<string, Map<string, number>>(alternatives.map((id) => [id, new Map()]));
    for (const { alternativeId, objectiveId, rating } of cells) {
      const row = rows.get(alternativeId);
      if (!row) throw new InvalidAnalysisInputError('cells', 'a cell names an alternative that is not in alternative_ids');
      if (!objectiveSet.has(objectiveId)) throw new InvalidAnalysisInputError('cells', 'a cell names an objective that is not in objective_ids');
      if (!Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) {
        throw new InvalidAnalysisInputError('cells', `a rating is not an integer in ${RATING_MIN}..${RATING_MAX}`);
      }
      if (row.has(objectiveId)) throw new InvalidAnalysisInputError('cells', 'two cells for the same alternative and objective');
      row.set(objectiveId, rating);
    }
    return new ConsequencesTable([...alternatives], [...objectives], rows);
  }

  rating(alternativeId: string, objectiveId: string): number {
    return this.cells.get(alternativeId)?.get(objectiveId) ?? 0;
  }
}

function unique(ids: readonly string[], field: string): void {
  if (ids.some((id) => id.length === 0)) throw new InvalidAnalysisInputError(field, 'an id is empty');
  if (new Set(ids).size !== ids.length) throw new InvalidAnalysisInputError(field, 'an id occurs twice');
}
