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
    const alternatives = new Set<string>();
    output.alternative_ids.forEach((value, i) => {
      if (alternatives.has(value)) add(`alternative_ids[${i}]`, `duplicate id "${value}"`);
      alternatives.add(value);
    });
    const objectives = new Set<string>();
    output.objective_ids.forEach((value, i) => {
      if (objectives.has(value)) add(`objective_ids[${i}]`, `duplicate id "${value}"`);
      objectives.add(value);
    });
    for (const key of Object.keys(output.cells)) {
      const [alternative, objective] = key.split(':');
      if (!alternatives.has(alternative)) add(`cells[${JSON.stringify(key)}]`, `names no alternative in alternative_ids ("${alternative}")`);
      else if (!objectives.has(objective)) add(`cells[${JSON.stringify(key)}]`, `names no objective in objective_ids ("${objective}")`);
    }
  },
);
