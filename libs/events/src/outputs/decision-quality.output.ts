import { integer, list, object, oneOf, optional, refine } from './schema';
import { bodyText } from './bounds';

/** The seven DQ elements; a complete decision_quality output has exactly these, once each. */
export const DQ_ELEMENT_NAMES = [
  'Helpful Problem Frame',
  'Clear Objectives',
  'Creative Alternatives',
  'Reliable Consequence Information',
  'Logically Correct Reasoning',
  'Clear Tradeoffs',
  'Commitment to Follow Through',
] as const;
export type DqElementName = (typeof DQ_ELEMENT_NAMES)[number];

export const decisionQualityOutput = refine(
  object({
    elements: list(
      object({
        name: oneOf(DQ_ELEMENT_NAMES),
        score: integer({ min: 0, max: 100 }),
        rationale: optional(bodyText()),
        improvement: optional(bodyText()),
      }),
      { max: DQ_ELEMENT_NAMES.length },
    ),
  }),
  (output, add) => {
    const first = new Map<string, number>();
    output.elements.forEach((element, i) => {
      const seen = first.get(element.name);
      if (seen !== undefined) add(`elements[${i}].name`, `duplicate element (same as elements[${seen}].name)`);
      else first.set(element.name, i);
    });
  },
);
