import type { CycleContext } from '../../application/cycle-context';
import { normaliseKey, type ParsedMessage } from './message-grammar';

export type Candidate = Record<string, unknown>;

/** A field the facilitator asks about: required ones until given, optional ones once. */
export interface Slot {
  field: string;
  required: boolean;
  missing(candidate: Candidate, context: CycleContext): boolean;
  question(candidate: Candidate, context: CycleContext): string;
}

/**
 * One component's offline extraction: `apply` folds a user message into the candidate (labelled parts go to their
 * field; unlabelled items and prose go to `focus`, the field the facilitator asked about last).
 */
export interface Extractor {
  initial(context: CycleContext): Candidate;
  apply(candidate: Candidate, message: ParsedMessage, focus: string | null, context: CycleContext): Candidate;
  slots: Slot[];
}

/** The slot to ask about next: the first required one still missing, else the first optional one never asked. */
export function nextSlot(extractor: Extractor, candidate: Candidate, context: CycleContext, asked: ReadonlySet<string>): Slot | null {
  return extractor.slots.find((slot) => slot.missing(candidate, context) && (slot.required || !asked.has(slot.field))) ?? null;
}

export function slot(field: string, required: boolean, question: string | ((candidate: Candidate, context: CycleContext) => string), missing?: Slot['missing']): Slot {
  return {
    field,
    required,
    question: typeof question === 'string' ? () => question : question,
    missing: missing ?? ((candidate) => isBlank(candidate[field])),
  };
}

/** Items of the sections and values of the pairs named by any of `aliases`; unlabelled ones when `field` is in focus. */
export function entriesFor(message: ParsedMessage, aliases: string[], unlabelled: boolean): string[] {
  const keys = new Set(aliases.map(normaliseKey));
  const out: string[] = [];
  for (const [key, items] of message.sections) if (keys.has(key)) out.push(...items);
  for (const [key, value] of message.pairs) if (keys.has(key)) out.push(value);
  if (unlabelled) {
    out.push(...message.items);
    if (message.items.length === 0 && message.prose) out.push(message.prose);
  }
  return out;
}

/** "Lower costs (minimize, weight 0.6) [o1]" → the text and its notes ("minimize", "weight 0.6", "o1"). */
export function annotated(entry: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const text = entry.replace(/\s*[([]([^()[\]]*)[)\]]/g, (_m, inner: string) => {
    notes.push(...inner.split(/[,;]/).map((note) => note.trim()).filter((note) => note !== ''));
    return '';
  });
  return { text: text.trim(), notes };
}

/** The value of a "key: value" or "key value" note, e.g. noteValue(["owner: Sam"], ["owner"]) → "Sam". */
export function noteValue(notes: string[], keys: string[]): string | undefined {
  for (const note of notes) {
    const match = /^([A-Za-z_ ]+?)\s*[:=]?\s+(.+)$/.exec(note) ?? /^([A-Za-z_ ]+?)\s*[:=]\s*(.+)$/.exec(note);
    if (match && keys.includes(normaliseKey(match[1]))) return match[2].trim();
  }
  return undefined;
}

export interface Ref {
  id: string;
  label: string;
}

/** The id `label` refers to among `refs`: its id, its label (case-insensitive, then as a prefix), or its 1-based number. */
export function resolveRef(label: string, refs: Ref[]): string | undefined {
  const wanted = label.trim().toLowerCase();
  if (wanted === '') return undefined;
  const byId = refs.find((ref) => ref.id.toLowerCase() === wanted);
  if (byId) return byId.id;
  const byLabel = refs.find((ref) => ref.label.toLowerCase() === wanted);
  if (byLabel) return byLabel.id;
  const byPrefix = refs.filter((ref) => ref.label.toLowerCase().startsWith(wanted) || wanted.startsWith(ref.label.toLowerCase()));
  if (byPrefix.length === 1) return byPrefix[0].id;
  const byWords = refs.filter((ref) => ref.label.toLowerCase().includes(wanted));
  if (byWords.length === 1) return byWords[0].id;
  if (/^\d{1,2}$/.test(wanted)) return refs[Number(wanted) - 1]?.id;
  return undefined;
}

/** The next free id "<prefix><n>" for a list whose items carry ids. */
export function nextId(prefix: string, items: unknown[]): string {
  const taken = new Set(items.map((item) => (item as { id?: string }).id));
  let n = items.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Fenced JSON objects replace the fields they name (validated later, like everything else). */
export function withJson(candidate: Candidate, message: ParsedMessage): Candidate {
  return message.json.reduce<Candidate>((merged, block) => ({ ...merged, ...block }), candidate);
}

export function listOf<T>(candidate: Candidate, field: string): T[] {
  const value = candidate[field];
  return Array.isArray(value) ? (value as T[]) : [];
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
