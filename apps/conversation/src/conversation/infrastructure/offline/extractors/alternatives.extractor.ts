import { annotated, entriesFor, listOf, nextId, resolveRef, slot, withJson, type Extractor } from '../extraction-kit';

const STATUS_QUO = /^(status quo|current|baseline|do nothing|today)$/i;

interface Alternative {
  id: string;
  name: string;
}

export const alternativesExtractor: Extractor = {
  initial: () => ({ alternatives: [], status_quo_id: null }),
  apply(candidate, message, focus) {
    const out = withJson(candidate, message);
    const alternatives = [...listOf<Alternative>(out, 'alternatives')];
    let statusQuo = (out.status_quo_id as string | null | undefined) ?? null;
    for (const entry of entriesFor(message, ['alternatives', 'alternative', 'options', 'option'], focus === 'alternatives')) {
      const { text, notes } = annotated(entry);
      const [name, description] = text.split(/\s*(?::|\s-\s|\s—\s)\s*/, 2);
      if (!name) continue;
      const id = nextId('a', alternatives);
      const assumptions = notes.filter((note) => /^assum/i.test(note)).map((note) => note.replace(/^assum\w*\s*:?\s*/i, ''));
      alternatives.push({ id, name, ...(description ? { description } : {}), assumptions } as Alternative);
      if (notes.some((note) => STATUS_QUO.test(note))) statusQuo = id;
    }
    const named = entriesFor(message, ['status quo', 'current', 'baseline'], focus === 'status_quo_id').at(-1);
    if (named) statusQuo = resolveRef(named, alternatives.map((a) => ({ id: a.id, label: a.name }))) ?? statusQuo;
    return { ...out, alternatives, status_quo_id: statusQuo };
  },
  slots: [
    slot(
      'alternatives',
      true,
      (candidate) =>
        listOf(candidate, 'alternatives').length === 0
          ? 'What are your options? List at least two, including the status quo, e.g. "- Stay where we are (status quo)".'
          : 'Which other option could you take? A decision needs at least two alternatives.',
      (candidate) => listOf(candidate, 'alternatives').length < 2,
    ),
    slot(
      'status_quo_id',
      true,
      (candidate) => `Which of these is the status quo: ${listOf<Alternative>(candidate, 'alternatives').map((a) => a.name).join(', ')}?`,
      (candidate) => !listOf<Alternative>(candidate, 'alternatives').some((a) => a.id === candidate.status_quo_id),
    ),
  ],
};
