/**
 * The offline facilitator's reading of one user message (apps/conversation/README.md "The offline grammar"):
 * fenced JSON objects, `Heading:` lines followed by list items (`- item`, `* item`, `1. item`), `key: value` lines,
 * table rows (`| a | b |`) and the remaining prose. Keys are normalised (lowercase, words joined by `_`).
 */
export interface ParsedMessage {
  json: Record<string, unknown>[];
  /** List items under a heading, by normalised heading. */
  sections: Map<string, string[]>;
  pairs: Array<[key: string, value: string]>;
  /** List items before any heading. */
  items: string[];
  tables: string[][][];
  prose: string;
  /** Every non-empty line outside fenced blocks, trimmed (for line-shaped answers such as ratings and scores). */
  lines: string[];
}

const FENCE = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/g;
const ITEM = /^\s*(?:[-*•]|\d{1,3}[.)])\s+(.+)$/;
const HEADING = /^\s*([A-Za-z][A-Za-z0-9 _&'/-]{0,40}):\s*$/;
const PAIR = /^\s*([A-Za-z][A-Za-z0-9 _'/-]{0,40}?)\s*:\s+(.+)$/;
const ROW = /^\s*\|(.+)\|\s*$/;

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

export function parseMessage(text: string): ParsedMessage {
  const parsed: ParsedMessage = { json: [], sections: new Map(), pairs: [], items: [], tables: [], prose: '', lines: [] };
  const rest = text.replace(FENCE, (_match, body: string) => {
    const value = parseJsonObject(body);
    if (value) {
      parsed.json.push(value);
      return '\n';
    }
    return body;
  });
  let section: string | null = null;
  let table: string[][] | null = null;
  const prose: string[] = [];
  for (const line of rest.split(/\r?\n/)) {
    if (line.trim() !== '') parsed.lines.push(line.trim());
    const row = ROW.exec(line);
    if (row) {
      const cells = row[1].split('|').map((cell) => cell.trim());
      if (!cells.every((cell) => /^:?-{2,}:?$/.test(cell) || cell === '')) (table ??= []).push(cells);
      continue;
    }
    if (table) parsed.tables.push(table);
    table = null;
    if (line.trim() === '') {
      section = null;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      section = normaliseKey(heading[1]);
      if (!parsed.sections.has(section)) parsed.sections.set(section, []);
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      if (section) parsed.sections.get(section)!.push(item[1].trim());
      else parsed.items.push(item[1].trim());
      continue;
    }
    const pair = PAIR.exec(line);
    if (pair && !/^https?$/i.test(pair[1])) {
      parsed.pairs.push([normaliseKey(pair[1]), pair[2].trim()]);
      section = null;
      continue;
    }
    prose.push(line.trim());
  }
  if (table) parsed.tables.push(table);
  parsed.prose = prose.join(' ').trim();
  return parsed;
}

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
