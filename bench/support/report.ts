import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Figures = Record<string, number | string | boolean | null>;

/** Prints the figures and writes them to bench/results/<name>.json with the machine's nproc and the date. */
export function writeResults(name: string, figures: Figures): string {
  const dir = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const body = { benchmark: name, date: new Date().toISOString(), nproc: os.cpus().length, node: process.version, ...figures };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`\n${name}\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(40)} ${v}`).join('\n')}\n-> ${file}\n`);
  return file;
}

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.max(0, index)];
}
