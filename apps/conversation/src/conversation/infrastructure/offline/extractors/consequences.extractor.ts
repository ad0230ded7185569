import { cellKey } from '@choice-sherpa/events/outputs';
import type { CycleContext } from '../../../application/cycle-context';
import { annotated, listOf, resolveRef, slot, withJson, type Candidate, type Extractor, type Ref } from '../extraction-kit';

const WORDS: Record<string, number> = { 'much worse': -2, worse: -1, same: 0, better: 1, 'much better': 2 };
const UNCERTAINTY = /^(low|medium|high)(?: uncertainty)?$|^uncertainty:?\s*(low|medium|high)$/i;
const LINE = /^(?:[-*]\s+)?(.+?)\s*(?:\/|×|\sx\s|\son\s)\s*(.+?)\s*[:=]\s*(.+)$/i;

type Cell = { rating: number; rationale?: string; uncertainty?: string };

/** "+1 cheaper rent (high uncertainty)", "much better", "-2 - longer commute" → a cell, or undefined. */
export function parseCell(text: string): Cell | undefined {
  const { text: body, notes } = annotated(text);
  const numeric = /^([+-]?\d)\b\s*[-,:–]?\s*(.*)$/.exec(body);
  const word = Object.keys(WORDS).sort((a, b) => b.length - a.length).find((w) => body.toLowerCase().startsWith(w));
  const rating = numeric ? Number(numeric[1]) : word !== undefined ? WORDS[word] : undefined;
  if (rating === undefined) return undefined;
  const rationale = (numeric ? numeric[2] : body.slice(word!.length)).replace(/^\s*(?:[-,:–]|because)\s*/i, '').trim();
  const uncertainty = notes.map((note) => UNCERTAINTY.exec(note)).find((m) => m)?.slice(1).find((v) => v)?.toLowerCase();
  return { rating, ...(rationale ? { rationale } : {}), ...(uncertainty ? { uncertainty } : {}) };
}

function slug(label: string): string {
  const id = label.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return id || 'x';
}

function refsOf(candidate: Candidate, context: CycleContext) {
  const alternatives: Ref[] = context.alternatives.map((a) => ({ id: a.id, label: a.name }));
  const objectives: Ref[] = context.objectives.map((o) => ({ id: o.id, label: o.description }));
  for (const id of listOf<string>(candidate, 'alternative_ids')) if (!alternatives.some((r) => r.id === id)) alternatives.push({ id, label: id });
  for (const id of listOf<string>(candidate, 'objective_ids')) if (!objectives.some((r) => r.id === id)) objectives.push({ id, label: id });
  return { alternatives, objectives };
}

/** A label's id: the known alternative/objective it names, else (no context) a new id made from it. */
function idFor(label: string, refs: Ref[], ids: string[], known: boolean): string | undefined {
  const found = resolveRef(label, refs);
  if (found) return found;
  if (known) return undefined;
  const id = slug(label);
  if (!ids.includes(id)) ids.push(id);
  refs.push({ id, label });
  return id;
}

export const consequencesExtractor: Extractor = {
  initial: (context) => ({ alternative_ids: context.alternatives.map((a) => a.id), objective_ids: context.objectives.map((o) => o.id), cells: {} }),
  apply(candidate, message, _focus, context) {
    const cells: Record<string, Cell> = { ...((candidate.cells as Record<string, Cell>) ?? {}) };
    for (const block of message.json) if (block.cells && typeof block.cells === 'object') Object.assign(cells, block.cells);
    const out = withJson(candidate, message);
    const alternativeIds = [...listOf<string>(out, 'alternative_ids')];
    const objectiveIds = [...listOf<string>(out, 'objective_ids')];
    const refs = refsOf(out, context);
    const knownAlternatives = context.alternatives.length > 0;
    const knownObjectives = context.objectives.length > 0;
    const put = (altLabel: string, objLabel: string, text: string) => {
      const cell = parseCell(text);
      const alternative = idFor(altLabel, refs.alternatives, alternativeIds, knownAlternatives);
      const objective = idFor(objLabel, refs.objectives, objectiveIds, knownObjectives);
      if (cell && alternative && objective) cells[cellKey(alternative, objective)] = cell;
    };
    for (const table of message.tables) {
      const [header, ...rows] = table;
      for (const row of rows) header.slice(1).forEach((objective, i) => row[i + 1] !== undefined && row[i + 1] !== '' && put(row[0], objective, row[i + 1]));
    }
    for (const line of message.lines) {
      const match = line.startsWith('|') ? null : LINE.exec(line);
      if (match) put(match[1], match[2], match[3]);
    }
    return { ...out, alternative_ids: alternativeIds, objective_ids: objectiveIds, cells };
  },
  slots: [
    slot(
      'cells',
      true,
      (candidate, context) => {
        const { alternatives, objectives } = refsOf(candidate, context);
        if (alternatives.length === 0 || objectives.length === 0) {
          return 'Rate each alternative on each objective from -2 to +2: a table with the objectives as columns and the alternatives as rows.';
        }
        const cells = (candidate.cells as Record<string, unknown>) ?? {};
        const missing = alternatives.flatMap((a) => objectives.filter((o) => !(cellKey(a.id, o.id) in cells)).map((o) => `${a.label} / ${o.label}`));
        return `How does each do compared with the status quo, from -2 (much worse) to +2 (much better)? Still to rate: ${missing.slice(0, 8).join('; ')}. E.g. "${missing[0]}: +1 because ...".`;
      },
      (candidate, context) => {
        const { alternatives, objectives } = refsOf(candidate, context);
        const cells = (candidate.cells as Record<string, unknown>) ?? {};
        return alternatives.length === 0 || objectives.length === 0 || alternatives.some((a) => objectives.some((o) => !(cellKey(a.id, o.id) in cells)));
      },
    ),
  ],
};
