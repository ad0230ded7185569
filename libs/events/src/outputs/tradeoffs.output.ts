import { list, object } from './schema';
import { bodyText, id, LIMITS } from './bounds';

export const tradeoffsOutput = object({
  dominated_alternatives: list(object({ alternative_id: id(), dominated_by_id: id(), explanation: bodyText() }), { max: LIMITS.alternatives }),
  irrelevant_objectives: list(object({ objective_id: id(), reason: bodyText() }), { max: LIMITS.objectives }),
  tensions: list(
    object({ alternative_id: id(), gains: list(id(), { max: LIMITS.perItemRefs }), losses: list(id(), { max: LIMITS.perItemRefs }) }),
    { max: LIMITS.alternatives },
  ),
});
