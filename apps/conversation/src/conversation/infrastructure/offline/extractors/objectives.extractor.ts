import { annotated, entriesFor, listOf, nextId, noteValue, resolveRef, slot, withJson, type Extractor } from '../extraction-kit';

const DIRECTION: Array<[RegExp, string]> = [
  [/^(maximi[sz]e|max|more|higher|increase)$/i, 'maximize'],
  [/^(minimi[sz]e|min|less|lower|reduce)$/i, 'minimize'],
  [/^target$/i, 'target'],
];

function weightOf(notes: string[]): number | undefined {
  const raw = noteValue(notes, ['weight', 'w']) ?? notes.find((note) => /^\d+(\.\d+)?%?$/.test(note));
  if (raw === undefined) return undefined;
  const value = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

interface Objective {
  id: string;
  description: string;
}

export const objectivesExtractor: Extractor = {
  initial: () => ({ fundamental_objectives: [], means_objectives: [] }),
  apply(candidate, message, focus) {
    const out = withJson(candidate, message);
    const fundamental = [...listOf<Objective>(out, 'fundamental_objectives')];
    for (const entry of entriesFor(message, ['fundamental', 'fundamental objectives', 'objectives', 'goals'], focus === 'fundamental_objectives')) {
      const { text, notes } = annotated(entry);
      if (!text) continue;
      const direction = notes.map((note) => DIRECTION.find(([pattern]) => pattern.test(note))?.[1]).find((d) => d !== undefined);
      const weight = weightOf(notes);
      const measure = noteValue(notes, ['measure', 'measured_by']);
      fundamental.push({ id: nextId('o', fundamental), description: text, ...(direction ? { direction } : {}), ...(weight !== undefined ? { weight } : {}), ...(measure ? { measure } : {}) } as Objective);
    }
    const means = [...listOf<Objective>(out, 'means_objectives')];
    const refs = fundamental.map((o) => ({ id: o.id, label: o.description }));
    for (const entry of entriesFor(message, ['means', 'means objectives', 'how'], focus === 'means_objectives')) {
      const [head, target] = entry.split(/\s*(?:->|→|=>)\s*/, 2);
      const { text, notes } = annotated(head);
      const named = [...(target ? target.split(/\s*,\s*/) : []), ...(noteValue(notes, ['supports'])?.split(/\s*,\s*/) ?? [])];
      const supports = named.map((label) => resolveRef(label, refs) ?? label);
      if (text) means.push({ id: nextId('m', [...fundamental, ...means]), description: text, supports } as Objective);
    }
    return { ...out, fundamental_objectives: fundamental, means_objectives: means };
  },
  slots: [
    slot('fundamental_objectives', true, 'What do you fundamentally want to achieve? List your objectives, e.g. "- Lower monthly costs (minimize, weight 0.6)".'),
    slot('means_objectives', false, 'Are there means objectives, things that matter because they serve one of those? E.g. "- Cheaper rent -> Lower monthly costs".'),
  ],
};
