import { list, nullable, object, optional, refine, text } from './schema';
import { bodyText, id, LIMITS, reportDuplicateIds } from './bounds';

export const alternativesOutput = refine(
  object({
    alternatives: list(
      object({
        id: id(),
        name: text({ min: 1, max: 100 }),
        description: optional(bodyText()),
        assumptions: list(bodyText(), { max: LIMITS.perItemRefs }),
      }),
      { max: LIMITS.alternatives },
    ),
    /** May be null while the list is being built; completion requires it to name an alternative. */
    status_quo_id: nullable(id()),
  }),
  (output, add) => {
    const ids = reportDuplicateIds(output.alternatives, 'alternatives', add);
    if (output.status_quo_id !== null && !ids.has(output.status_quo_id)) add('status_quo_id', 'names no alternative');
  },
);
