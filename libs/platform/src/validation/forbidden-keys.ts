import { PROTOTYPE_KEYS } from '@choice-sherpa/events/outputs/plain-values';
import { fieldPath } from './field-path';

/**
 * Keys refused anywhere in request data: those that reach an object's prototype when a parsed body is copied or
 * transformed, and every other member of Object.prototype (`hasOwnProperty`, `toString`, `valueOf`,
 * `__defineGetter__`, ...). class-validator's whitelist looks properties up in a plain object, so those names pass
 * as "known" on every DTO; no request field of ours is named after one.
 */
export const FORBIDDEN_KEYS: readonly string[] = [...new Set([...PROTOTYPE_KEYS, ...Object.getOwnPropertyNames(Object.prototype)])];

const FORBIDDEN = new Set(FORBIDDEN_KEYS);

const MAX_DEPTH = 32;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

/**
 * Dotted paths of every forbidden key in parsed JSON (plain objects and arrays only: class instances such as a
 * transport context are not request data). Bounded depth; too deep counts as a finding.
 */
export function findForbiddenKeys(value: unknown, path = '', depth = 0): string[] {
  if (!isPlainData(value)) return [];
  if (depth > MAX_DEPTH) return [path || '(root)'];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) found.push(path ? `${path}.${key}` : key);
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], fieldPath(path, key), depth + 1));
  }
  return found;
}

function isPlainData(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
