import { DQ_ELEMENT_NAMES, type DqElementName } from '@choice-sherpa/events/outputs';
import { annotated, listOf, noteValue, slot, withJson, type Candidate, type Extractor } from '../extraction-kit';

const KEYWORDS: Array<[RegExp, DqElementName]> = [
  [/frame/i, 'Helpful Problem Frame'],
  [/objective/i, 'Clear Objectives'],
  [/alternative/i, 'Creative Alternatives'],
  [/consequence|information/i, 'Reliable Consequence Information'],
  [/reason|logic/i, 'Logically Correct Reasoning'],
  [/trade.?off/i, 'Clear Tradeoffs'],
  [/commit|follow/i, 'Commitment to Follow Through'],
];
const SCORE = /^(?:[-*]\s+)?(?:(\d)[.)]\s+)?([A-Za-z][A-Za-z ]*?)?\s*[:=-]?\s*(\d{1,3})\b\s*(.*)$/;

type Element = { name: DqElementName; score: number; rationale?: string; improvement?: string };

const missing = (candidate: Candidate) => DQ_ELEMENT_NAMES.filter((name) => !listOf<Element>(candidate, 'elements').some((e) => e.name === name));

export const decisionQualityExtractor: Extractor = {
  initial: () => ({ elements: [] }),
  apply(candidate, message, focus) {
    const out = withJson(candidate, message);
    const elements = [...listOf<Element>(out, 'elements')];
    for (const line of message.lines) {
      const m = SCORE.exec(line);
      if (!m) continue;
      const name = m[2] ? KEYWORDS.find(([pattern]) => pattern.test(m[2]!))?.[1] : m[1] ? DQ_ELEMENT_NAMES[Number(m[1]) - 1] : (focus as DqElementName | null);
      if (!name || !(DQ_ELEMENT_NAMES as readonly string[]).includes(name)) continue;
      const { text, notes } = annotated(m[4].replace(/^\s*(?:[-,:–]|because)\s*/i, ''));
      const improvement = noteValue(notes, ['improve', 'improvement']);
      const element: Element = { name, score: Number(m[3]), ...(text ? { rationale: text } : {}), ...(improvement ? { improvement } : {}) };
      const at = elements.findIndex((e) => e.name === name);
      if (at >= 0) elements[at] = element;
      else elements.push(element);
    }
    return { ...out, elements };
  },
  slots: [
    slot(
      'elements',
      true,
      (candidate) => `How would you score these from 0 to 100: ${missing(candidate).join(', ')}? One per line, e.g. "${missing(candidate)[0]}: 70".`,
      (candidate) => missing(candidate).length > 0,
    ),
  ],
};
