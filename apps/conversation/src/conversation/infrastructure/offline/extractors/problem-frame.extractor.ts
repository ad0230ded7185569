import { annotated, entriesFor, listOf, slot, withJson, type Candidate, type Extractor } from '../extraction-kit';

const TYPES = ['legal', 'financial', 'political', 'technical'] as const;
const GUESS: Array<[RegExp, (typeof TYPES)[number]]> = [
  [/\b(money|budget|cost|costs|price|salary|rent|afford|income|savings|loan|eur|usd|\$|€)/i, 'financial'],
  [/\b(law|legal|contract|visa|permit|regulation|licen[cs]e|tax)/i, 'legal'],
  [/\b(politic|boss|manager|board|family|partner|approval|stakeholder)/i, 'political'],
];

/** "Alex (parent)", "Alex, parent", "Alex - parent", "I am Alex" → {name, role}. */
function person(entry: string, defaultRole: string): { name: string; role: string } | undefined {
  const { text, notes } = annotated(entry.replace(/^(i am|i'm|me,?)\s+/i, ''));
  const [name, role] = notes.length > 0 ? [text, notes.join(', ')] : text.split(/\s*(?:,|\s-\s|\s—\s)\s*/, 2);
  return name ? { name: name.replace(/^the\s+/i, ''), role: role?.replace(/^the\s+/i, '') || defaultRole } : undefined;
}

function constraint(entry: string): { constraint_type: string; description: string } {
  const typed = /^(legal|financial|political|technical)\s*[:\-–]\s*(.+)$/i.exec(entry);
  if (typed) return { constraint_type: typed[1].toLowerCase(), description: typed[2].trim() };
  return { constraint_type: GUESS.find(([pattern]) => pattern.test(entry))?.[1] ?? 'technical', description: entry };
}

export const problemFrameExtractor: Extractor = {
  initial: () => ({ constraints: [], parties: [], decision_hierarchy: { already_made: [], deferred: [] } }),
  apply(candidate, message, focus) {
    const out: Candidate = withJson(candidate, message);
    const focal = entriesFor(message, ['focal decision', 'decision', 'focal', 'question'], focus === 'focal_decision').at(-1);
    if (focal) out.focal_decision = focal;
    const maker = entriesFor(message, ['decision maker', 'decider', 'maker', 'who decides'], focus === 'decision_maker').at(-1);
    if (maker) out.decision_maker = person(maker, 'decision maker') ?? out.decision_maker;
    const parties = entriesFor(message, ['parties', 'party', 'people', 'stakeholders', 'involved'], focus === 'parties').map((e) => person(e, 'involved'));
    out.parties = [...listOf(out, 'parties'), ...parties.filter((p) => p !== undefined)];
    out.constraints = [...listOf(out, 'constraints'), ...entriesFor(message, ['constraints', 'constraint', 'limits'], focus === 'constraints').map(constraint)];
    const scope = entriesFor(message, ['scope'], false).at(-1);
    if (scope) out.scope = scope;
    const deadline = entriesFor(message, ['deadline', 'due', 'when'], false).at(-1);
    if (deadline) out.deadline = deadline;
    const hierarchy = (out.decision_hierarchy as { already_made?: string[]; deferred?: string[] } | undefined) ?? {};
    out.decision_hierarchy = {
      ...hierarchy,
      already_made: [...(hierarchy.already_made ?? []), ...entriesFor(message, ['already made', 'already decided', 'decided'], false)],
      deferred: [...(hierarchy.deferred ?? []), ...entriesFor(message, ['deferred', 'later', 'not now'], false)],
    };
    return out;
  },
  slots: [
    slot('focal_decision', true, 'What exactly is the decision, in one sentence? For example "Focal decision: Where should we live from next summer?"'),
    slot('decision_maker', true, 'Who makes this decision, and in what role? For example "Decision maker: Alex (parent)".'),
    slot('parties', false, 'Who else is involved or affected, and how? One per line, e.g. "- Sam (partner)".'),
    slot('constraints', false, 'What constrains the decision (legal, financial, political, technical)? E.g. "- financial: rent below 2500".'),
  ],
};
