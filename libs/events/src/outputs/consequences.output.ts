import { integer, list, object, oneOf, optional, record, refine } from './schema';
import { bodyText, id, ID_PATTERN, LIMITS } from './bounds';

export const RATING_MIN = -2;
export const RATING_MAX = 2;
export const UNCERTAINTY_LEVELS = ['low', 'medium', 'high'] as const;

const CELL_KEY = new RegExp(`^${ID_PATTERN.source.slice(1, -1)}:${ID_PATTERN.source.slice(1, -1)}$`);

export function cellKey(alternativeId: string, objectiveId: string): string {
  return `${alternativeId}:${objectiveId}`;
}

export const consequencesOutput = refine(
  object({
    alternative_ids: list(id(), { max: LIMITS.alternatives }),
    objective_ids: list(id(), { max: LIMITS.objectives }),
    cells: record(
      { max: LIMITS.idChars * 2 + 1, pattern: CELL_KEY, patternMessage: 'key must be "alternative_id:objective_id"' },
      object({
        rating: integer({ min: RATING_MIN, max: RATING_MAX }),
        rationale: optional(bodyText()),
        uncertainty: optional(oneOf(UNCERTAINTY_LEVELS)),
      }),
      { maxKeys: LIMITS.consequenceCells },
    ),
  }),
  (output, add) => {
    // Messages name positions, never the ids the client chose (README "Security").
    const alternatives = firstPositions(output.alternative_ids, 'alternative_ids', add);
    const objectives = firstPositions(output.objective_ids, 'objective_ids', add);
    for (const key of Object.keys(output.cells)) {
      const [alternative, objective] = key.split(':');
      if (!alternatives.has(alternative)) add(`cells[${JSON.stringify(key)}]`, 'names no alternative in alternative_ids');
      else if (!objectives.has(objective)) add(`cells[${JSON.stringify(key)}]`, 'names no objective in objective_ids');
    }
  },
);

/** Each id with the path of its first place in the list; a later repeat is reported as a duplicate of that place. */
function firstPositions(ids: string[], listPath: string, add: (field: string, message: string) => void): Map<string, string> {
  const first = new Map<string, string>();
  ids.forEach((value, i) => {
    const seen = first.get(value);
    if (seen !== undefined) add(`${listPath}[${i}]`, `duplicate id (same as ${seen})`);
    else first.set(value, `${listPath}[${i}]`);
  });
  return first;
}
