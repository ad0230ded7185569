import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root';

/**
 * Where this test run's service logs go: set by the global setup (`log-check.global-setup.ts`) for the whole run,
 * else `.test-logs/adhoc` (a spec started without the setup). After the run every file in it is checked.
 */
export function runLogDir(): string {
  const dir = process.env.SERVICE_LOG_DIR ?? path.join(repoRoot(), '.test-logs', 'adhoc');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const CONFIDENTIAL_FILE = 'confidential.jsonl';

/** Keys whose string values (at any depth; everything under them) are user text that no log may hold. */
const CONFIDENTIAL_KEYS = /^(title|old_title|new_title|description|reason|content|message|email|output|summary|output_summary|name|rationale|focal_decision)$/;

/** Strings worth looking for: free text, not ids, dates, enum words or fragments short enough to occur by chance. */
function worthChecking(text: string): boolean {
  return text.length >= 8 && !/^[a-z_]+$/.test(text) && !/^[0-9a-f-]{36}$/i.test(text) && !/^\d{4}-\d{2}-\d{2}T/.test(text);
}

/** The confidential strings of a request body (what the log check then looks for in every service log). */
export function confidentialTextOf(value: unknown, underConfidential = false): string[] {
  if (typeof value === 'string') return underConfidential && worthChecking(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => confidentialTextOf(item, underConfidential));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => confidentialTextOf(child, underConfidential || CONFIDENTIAL_KEYS.test(key)));
}

/** Records values that must never appear in a service log (secrets, text the tests sent). */
export function recordConfidential(values: readonly string[]): void {
  const kept = values.filter((value) => value.length >= 8);
  if (kept.length === 0) return;
  appendFileSync(path.join(runLogDir(), CONFIDENTIAL_FILE), kept.map((value) => JSON.stringify(value)).join('\n') + '\n');
}
