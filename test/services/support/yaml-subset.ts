/**
 * A strict parser for the YAML subset our compose files use (block mappings, block sequences of scalars, flow
 * sequences of scalars, quoted and plain scalars, comments). Anything else (anchors, block scalars, tabs, multiple
 * documents, sequences of mappings) is an error, so the test fails loudly instead of misreading the file.
 * No YAML library is installed; `yaml` is requested in /tmp/team/requests.md.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  number: number;
  indent: number;
  text: string;
}

export function parseYamlSubset(source: string): YamlValue {
  const lines = toLines(source);
  const [value, next] = parseBlock(lines, 0, lines[0]?.indent ?? 0);
  if (next !== lines.length) throw new Error(`line ${lines[next].number}: unexpected indentation`);
  return value;
}

function toLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    if (raw.includes('\t')) throw new Error(`line ${index + 1}: tabs are not allowed`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    if (/^(---|\.\.\.)/.test(text)) throw new Error(`line ${index + 1}: multiple documents are not supported`);
    lines.push({ number: index + 1, indent: text.length - text.trimStart().length, text: text.trim() });
  });
  return lines;
}

function stripComment(raw: string): string {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || raw[i - 1] === ' ')) return raw.slice(0, i);
  }
  return raw;
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  return lines[start].text.startsWith('- ') || lines[start].text === '-' ? parseSequence(lines, start, indent) : parseMapping(lines, start, indent);
}

function parseSequence(lines: Line[], start: number, indent: number): [YamlValue[], number] {
  const items: YamlValue[] = [];
  let i = start;
  while (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith('- ')) {
    const item = lines[i].text.slice(2).trim();
    if (/^[^"'[]*:( |$)/.test(item)) throw new Error(`line ${lines[i].number}: sequences of mappings are not supported`);
    items.push(parseScalarOrFlow(item, lines[i].number));
    i++;
  }
  return [items, i];
}

function parseMapping(lines: Line[], start: number, indent: number): [Record<string, YamlValue>, number] {
  const mapping: Record<string, YamlValue> = {};
  let i = start;
  while (i < lines.length && lines[i].indent === indent) {
    const line = lines[i];
    const match = /^("[^"]*"|'[^']*'|[^:"'\s][^:]*?):(?: (.*))?$/.exec(line.text);
    if (!match) throw new Error(`line ${line.number}: expected "key: value", got "${line.text}"`);
    const key = unquote(match[1]);
    if (Object.prototype.hasOwnProperty.call(mapping, key)) throw new Error(`line ${line.number}: duplicate key "${key}"`);
    const rest = match[2]?.trim() ?? '';
    i++;
    if (rest !== '') {
      mapping[key] = parseScalarOrFlow(rest, line.number);
    } else if (i < lines.length && lines[i].indent > indent) {
      const [value, next] = parseBlock(lines, i, lines[i].indent);
      mapping[key] = value;
      i = next;
    } else if (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith('- ')) {
      const [value, next] = parseSequence(lines, i, indent);
      mapping[key] = value;
      i = next;
    } else {
      mapping[key] = null;
    }
  }
  if (i < lines.length && lines[i].indent > indent) throw new Error(`line ${lines[i].number}: unexpected indentation`);
  return [mapping, i];
}

function parseScalarOrFlow(text: string, lineNumber: number): YamlValue {
  if (/^[&*!|>{]/.test(text)) throw new Error(`line ${lineNumber}: "${text[0]}" is not supported`);
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new Error(`line ${lineNumber}: unterminated flow sequence`);
    return splitFlow(text.slice(1, -1), lineNumber).map((item) => parseScalarOrFlow(item, lineNumber));
  }
  return scalar(text, lineNumber);
}

function splitFlow(body: string, lineNumber: number): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote) {
      current += char;
      if (char === '\\' && quote === '"') current += body[++i];
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      items.push(current.trim());
      current = '';
    } else if (char === '[' || char === '{') {
      throw new Error(`line ${lineNumber}: nested flow collections are not supported`);
    } else current += char;
  }
  if (quote) throw new Error(`line ${lineNumber}: unterminated quote`);
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

function scalar(text: string, lineNumber: number): YamlValue {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${lineNumber}: unterminated quote`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`line ${lineNumber}: unterminated quote`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+$/.test(text)) return Number(text);
  return text;
}

function unquote(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? (scalar(key, 0) as string) : key.trim();
}
