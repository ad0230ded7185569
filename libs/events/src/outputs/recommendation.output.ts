import { list, object, optional, text } from './schema';
import { bodyText, id, LIMITS } from './bounds';

export const recommendationOutput = object({
  synthesis: text({ min: 50, max: LIMITS.longText }),
  standout_alternative_id: optional(id()),
  caveats: list(bodyText(), { max: LIMITS.perItemRefs }),
  remaining_uncertainties: list(bodyText(), { max: LIMITS.perItemRefs }),
});
