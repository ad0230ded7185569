import { text, type TextOptions } from './schema';

/**
 * Bounds on every string and list of a component output, so no request can grow a row without limit.
 * Worst case of the largest output (consequences: 20 x 20 cells with 2000-char rationales) stays under ~1 MB.
 */
export const LIMITS = {
  idChars: 64,
  shortText: 200,
  text: 2000,
  longText: 10_000,
  listItems: 50,
  alternatives: 20,
  objectives: 20,
  consequenceCells: 400,
  perItemRefs: 20,
} as const;

/** Output ids are short tokens chosen by the user or the extractor ("alt-1", a UUID); no ':' (cell keys use it). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const ID_OPTIONS: TextOptions = {
  max: LIMITS.idChars,
  pattern: ID_PATTERN,
  patternMessage: 'must be an id (letters, digits, "_", "-", "."; starting with a letter or digit)',
};

export const id = () => text(ID_OPTIONS);
export const shortText = () => text({ max: LIMITS.shortText });
export const bodyText = () => text({ max: LIMITS.text });

/**
 * Reports ids that occur more than once, as `<listPath>[i].id: duplicate id (same as <first path>)`: messages name
 * positions, never the id the client chose (README "Security"). Returns each id with the path of its first use.
 */
export function reportDuplicateIds(
  items: { id: string }[],
  listPath: string,
  add: (field: string, message: string) => void,
  seen = new Map<string, string>(),
): Map<string, string> {
  items.forEach((item, index) => {
    const at = `${listPath}[${index}].id`;
    const first = seen.get(item.id);
    if (first !== undefined) add(at, `duplicate id (same as ${first})`);
    else seen.set(item.id, at);
  });
  return seen;
}
