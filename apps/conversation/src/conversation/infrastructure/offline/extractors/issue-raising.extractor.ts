import { annotated, entriesFor, listOf, nextId, noteValue, slot, withJson, type Extractor } from '../extraction-kit';

const PRIORITY = /^(high|medium|low)$/i;

export const issueRaisingExtractor: Extractor = {
  initial: () => ({ potential_decisions: [], objectives: [], uncertainties: [], considerations: [] }),
  apply(candidate, message, focus) {
    const out = withJson(candidate, message);
    const decisions = [...listOf<{ id: string }>(out, 'potential_decisions')];
    for (const entry of entriesFor(message, ['decisions', 'decision', 'potential decisions'], focus === 'potential_decisions')) {
      const { text, notes } = annotated(entry);
      const priority = notes.find((note) => PRIORITY.test(note))?.toLowerCase() ?? 'medium';
      if (text) decisions.push({ id: nextId('d', decisions), description: text, priority } as { id: string });
    }
    const uncertainties = [...listOf<{ id: string }>(out, 'uncertainties')];
    for (const entry of entriesFor(message, ['uncertainties', 'uncertainty', 'unknowns', 'risks'], focus === 'uncertainties')) {
      const { text, notes } = annotated(entry);
      const driver = noteValue(notes, ['driver', 'driven_by']);
      if (text) uncertainties.push({ id: nextId('u', uncertainties), description: text, ...(driver ? { driver } : {}) } as { id: string });
    }
    return {
      ...out,
      potential_decisions: decisions,
      objectives: [...listOf(out, 'objectives'), ...entriesFor(message, ['objectives', 'objective', 'goals', 'what matters'], focus === 'objectives')],
      uncertainties,
      considerations: [...listOf(out, 'considerations'), ...entriesFor(message, ['considerations', 'consideration', 'other'], focus === 'considerations')],
    };
  },
  slots: [
    slot('potential_decisions', false, 'Which decisions might you be facing here? One per line, with a priority if you like, e.g. "- Whether to move (high)".'),
    slot('objectives', false, 'What matters most to you in this? List what you want to achieve or protect.'),
    slot('uncertainties', false, 'What is uncertain right now? List what you do not know yet (and what drives it, e.g. "(driver: employer)").'),
    slot('considerations', false, 'Anything else to consider (people, timing, constraints)?'),
  ],
};
