import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIDENTIAL_FILE } from './run-logs';

export interface LogFinding {
  file: string;
  line: number;
  kind: 'token' | 'email' | 'confidential text';
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** The strings the tests recorded as confidential, as they would appear inside a JSON log line too. */
function confidentialNeedles(dir: string): string[] {
  const file = path.join(dir, CONFIDENTIAL_FILE);
  if (!existsSync(file)) return [];
  const values = new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string));
  return [...values].flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
}

/** Every line of every `*.log` in `dir` that holds a JWT, an email address or a recorded confidential string. */
export function scanServiceLogs(dir: string): { files: number; lines: number; findings: LogFinding[] } {
  if (!existsSync(dir)) return { files: 0, lines: 0, findings: [] };
  const needles = confidentialNeedles(dir);
  const files = readdirSync(dir).filter((name) => name.endsWith('.log'));
  const findings: LogFinding[] = [];
  let lines = 0;
  for (const name of files) {
    readFileSync(path.join(dir, name), 'utf8').split('\n').forEach((text, index) => {
      if (text === '') return;
      lines += 1;
      const kind = JWT.test(text) ? 'token' : EMAIL.test(text) ? 'email' : needles.some((needle) => text.includes(needle)) ? 'confidential text' : undefined;
      if (kind) findings.push({ file: name, line: index + 1, kind });
    });
  }
  return { files: files.length, lines, findings };
}
