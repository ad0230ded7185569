/**
 * Field paths name where a problem is without echoing what the client wrote: a key that looks like a field name or
 * an id (letters, digits, `_`, `-`, `:`, at most 64) is shown; any other key (free text sent as a key, e.g. a
 * urlencoded sentence) is shown as `[key]`.
 */
const SAFE_KEY = /^[A-Za-z0-9_:-]{1,64}$/;

export function safeKey(key: string): string {
  return SAFE_KEY.test(key) ? key : '[key]';
}

export function fieldPath(parent: string, key: string): string {
  const shown = safeKey(key);
  return parent ? `${parent}.${shown}` : shown;
}
