import { fieldPath } from './field-path';

/**
 * The one string rule of the system (README "Security"), applied to every string and every object key a client
 * sends (PlatformValidationPipe) and to every string in every event (libs/events checkEvent), so no event can be
 * written that a consumer cannot store.
 *
 * Refused: NUL (PostgreSQL cannot store it in text or jsonb), lone UTF-16 surrogates (not Unicode text: jsonb
 * refuses them and a UTF-8 encoder replaces them, so what is stored differs from what was validated), and the other
 * control characters (C0 except tab, line feed and carriage return; DEL; C1), which no keyboard produces and which
 * corrupt terminals and logs.
 * Carried intact: everything else, unnormalised: emoji with their joiners (U+200D) and variation selectors,
 * right-to-left text with its marks, bidirectional embeddings/overrides/isolates (U+202A-202E, U+2066-2069),
 * zero-width characters (U+200B, U+200C, U+2060, U+FEFF). They are legitimate in user text; displaying them
 * safely (isolating user text, e.g. `<bdi>`) is the client's job.
 */
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFUSED_ALL = new RegExp(REFUSED.source, 'g');

export type TextProblem = 'nul' | 'lone_surrogate' | 'control_character';

export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblem, string>> = {
  nul: 'must not contain NUL characters',
  lone_surrogate: 'must be valid Unicode (no lone UTF-16 surrogates)',
  control_character: 'must not contain control characters (other than tab, line feed, carriage return)',
};

/** The first reason `text` breaks the rule, or undefined when it may be stored and carried as is. */
export function textProblem(text: string): TextProblem | undefined {
  const match = REFUSED.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  if (code === 0) return 'nul';
  if (code >= 0xd800 && code <= 0xdfff) return 'lone_surrogate';
  return 'control_character';
}

export function isAcceptedText(text: string): boolean {
  return !REFUSED.test(text);
}

/**
 * For text the system produces itself from outside sources (a model's reply): lone surrogates become U+FFFD and the
 * refused control characters are removed, so the text can become an event. Never used on client input (refused).
 */
export function toAcceptedText(text: string): string {
  return text.replace(REFUSED_ALL, (char) => (char.charCodeAt(0) >= 0xd800 ? '\uFFFD' : ''));
}

export interface TextFinding {
  /** Dotted path of the string or key (`output.items.0.name`), keys shown as `fieldPath` shows them. */
  path: string;
  problem: TextProblem;
}

const MAX_DEPTH = 64;
const MAX_FINDINGS = 20;

/**
 * Every string value and object key in decoded JSON-like data that breaks the rule (plain objects and arrays only;
 * bounded depth and findings). Keys are checked too: they are stored (jsonb) like values.
 */
export function findTextProblems(value: unknown, path = '', found: TextFinding[] = [], depth = 0): TextFinding[] {
  if (found.length >= MAX_FINDINGS || depth > MAX_DEPTH) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push({ path: path || '(root)', problem });
    return found;
  }
  if (value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    value.forEach((item, index) => findTextProblems(item, fieldPath(path, String(index)), found, depth + 1));
    return found;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return found;
  for (const key of Object.keys(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) found.push({ path: fieldPath(path, ''), problem: keyProblem });
    else findTextProblems((value as Record<string, unknown>)[key], fieldPath(path, key), found, depth + 1);
    if (found.length >= MAX_FINDINGS) break;
  }
  return found;
}
