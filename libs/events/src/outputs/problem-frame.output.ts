import { list, object, oneOf, optional, text } from './schema';
import { bodyText, LIMITS, shortText } from './bounds';

export const CONSTRAINT_TYPES = ['legal', 'financial', 'political', 'technical'] as const;

const person = () => object({ name: shortText(), role: shortText() });

export const problemFrameOutput = object({
  decision_maker: person(),
  focal_decision: text({ min: 10, max: LIMITS.text }),
  scope: optional(bodyText()),
  constraints: list(object({ constraint_type: oneOf(CONSTRAINT_TYPES), description: bodyText() }), { max: LIMITS.listItems }),
  parties: list(person(), { max: LIMITS.listItems }),
  decision_hierarchy: {
    ...object({
      already_made: list(bodyText(), { max: LIMITS.listItems }),
      deferred: list(bodyText(), { max: LIMITS.listItems }),
    }),
    absent: { optional: true as const, value: () => ({ already_made: [], deferred: [] }) },
  },
  deadline: optional(text({ max: 100 })),
});
