/** Keys that can reach an object's prototype when a parsed body is copied or transformed. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const MAX_DEPTH = 32;

/**
 * Dotted paths of every forbidden key in parsed JSON (plain objects and arrays only: class instances such as a
 * transport context are not request data). Bounded depth; too deep counts as a finding.
 */
export function findForbiddenKeys(value: unknown, path = '', depth = 0): string[] {
  if (!isPlainData(value)) return [];
  if (depth > MAX_DEPTH) return [path || '(root)'];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) found.push(childPath);
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], childPath, depth + 1));
  }
  return found;
}

function isPlainData(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
