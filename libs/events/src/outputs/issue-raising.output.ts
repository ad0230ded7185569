import { list, object, oneOf, optional, refine } from './schema';
import { bodyText, id, LIMITS, reportDuplicateIds } from './bounds';

export const PRIORITIES = ['high', 'medium', 'low'] as const;

export const issueRaisingOutput = refine(
  object({
    potential_decisions: list(object({ id: id(), description: bodyText(), priority: oneOf(PRIORITIES) }), { max: LIMITS.listItems }),
    objectives: list(bodyText(), { max: LIMITS.listItems }),
    uncertainties: list(object({ id: id(), description: bodyText(), driver: optional(bodyText()) }), { max: LIMITS.listItems }),
    considerations: list(bodyText(), { max: LIMITS.listItems }),
  }),
  (output, add) => {
    reportDuplicateIds(output.potential_decisions, 'potential_decisions', add);
    reportDuplicateIds(output.uncertainties, 'uncertainties', add);
  },
);
