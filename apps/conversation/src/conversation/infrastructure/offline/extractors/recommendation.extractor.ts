import { entriesFor, listOf, resolveRef, slot, withJson, type Candidate, type Extractor } from '../extraction-kit';

export const recommendationExtractor: Extractor = {
  initial: () => ({ caveats: [], remaining_uncertainties: [] }),
  apply(candidate, message, focus, context) {
    const out: Candidate = withJson(candidate, message);
    const synthesis = entriesFor(message, ['synthesis', 'recommendation', 'summary'], focus === 'synthesis');
    if (synthesis.length > 0) out.synthesis = synthesis.join(' ');
    const standout = entriesFor(message, ['standout', 'standout alternative', 'choose', 'choice', 'best'], focus === 'standout_alternative_id').at(-1);
    if (standout) out.standout_alternative_id = resolveRef(standout, context.alternatives.map((a) => ({ id: a.id, label: a.name }))) ?? standout;
    out.caveats = [...listOf(out, 'caveats'), ...entriesFor(message, ['caveats', 'caveat', 'risks'], focus === 'caveats')];
    out.remaining_uncertainties = [...listOf(out, 'remaining_uncertainties'), ...entriesFor(message, ['uncertainties', 'remaining uncertainties', 'open'], focus === 'remaining_uncertainties')];
    return out;
  },
  slots: [
    slot('synthesis', true, 'What do you recommend, and why? A few sentences (at least 50 characters), e.g. "Synthesis: ...".'),
    slot('standout_alternative_id', false, (_c, context) => `Which alternative stands out${context.alternatives.length ? ` (${context.alternatives.map((a) => a.name).join(', ')})` : ''}?`),
    slot('caveats', false, 'Which caveats come with the recommendation? One per line.'),
    slot('remaining_uncertainties', false, 'What remains uncertain? One per line.'),
  ],
};
