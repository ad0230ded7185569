import { list, object, optional, text } from './schema';
import { bodyText, LIMITS, shortText } from './bounds';

export const notesNextStepsOutput = object({
  notes: list(bodyText(), { max: LIMITS.listItems }),
  open_questions: list(bodyText(), { max: LIMITS.listItems }),
  planned_actions: list(
    object({ action: text({ max: 500 }), owner: optional(shortText()), due_date: optional(text({ max: 100 })) }),
    { max: LIMITS.listItems },
  ),
});
