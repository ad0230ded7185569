import { decimal, list, object, oneOf, optional, refine } from './schema';
import { bodyText, id, LIMITS, reportDuplicateIds, shortText } from './bounds';

export const DIRECTIONS = ['maximize', 'minimize', 'target'] as const;

export const objectivesOutput = refine(
  object({
    fundamental_objectives: list(
      object({
        id: id(),
        description: bodyText(),
        measure: optional(shortText()),
        direction: optional(oneOf(DIRECTIONS)),
        weight: optional(decimal({ min: 0, max: 1 })),
      }),
      { max: LIMITS.objectives },
    ),
    means_objectives: list(
      object({ id: id(), description: bodyText(), supports: list(id(), { max: LIMITS.perItemRefs }) }),
      { max: LIMITS.listItems },
    ),
  }),
  (output, add) => {
    // One id space across both lists, so `supports` is unambiguous.
    const ids = reportDuplicateIds(output.fundamental_objectives, 'fundamental_objectives', add);
    reportDuplicateIds(output.means_objectives, 'means_objectives', add, ids);
    output.means_objectives.forEach((means, i) =>
      means.supports.forEach((target, j) => {
        if (!ids.has(target)) add(`means_objectives[${i}].supports[${j}]`, 'names no objective');
      }),
    );
  },
);
