import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { FAILURE_REPORTS, type FailureReport } from '../support/on-test-failure';

type Realm = typeof globalThis;

/**
 * Node's environment, with two additions:
 * - structuredClone is Node's, which builds its copies from the outer realm's Object and Array, so a copy fails the
 *   `Object.getPrototypeOf(value) === Object.prototype` checks of our validators inside the test's realm; here the
 *   copy's objects, arrays, maps, sets and dates are rebuilt from the test realm's constructors.
 * - failure reports: when a test (or one of its hooks) has failed, the reports its file registered with
 *   onTestFailure (test/support) run, e.g. to print the service logs beside the failure.
 */
export default class ChoiceSherpaEnvironment extends TestEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const realm = this.global as unknown as Realm;
    const outerClone = globalThis.structuredClone;
    realm.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) => intoRealm(realm, outerClone(value, options), new Map())) as Realm['structuredClone'];
  }

  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name !== 'test_done' || event.test.errors.length === 0) return;
    const reports = (this.global as unknown as Record<symbol, FailureReport[] | undefined>)[FAILURE_REPORTS] ?? [];
    for (const report of reports) {
      try {
        await report();
      } catch (error) {
        process.stderr.write(`a failure report failed too: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

/** The same graph (shared and circular references kept), its containers made from the realm's constructors. */
function intoRealm(realm: Realm, value: unknown, seen: Map<unknown, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy = new realm.Array<unknown>(value.length);
    seen.set(value, copy);
    value.forEach((item, index) => (copy[index] = intoRealm(realm, item, seen)));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new realm.Map<unknown, unknown>();
    seen.set(value, copy);
    for (const [key, item] of value) copy.set(intoRealm(realm, key, seen), intoRealm(realm, item, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new realm.Set<unknown>();
    seen.set(value, copy);
    for (const item of value) copy.add(intoRealm(realm, item, seen));
    return copy;
  }
  if (value instanceof Date) return new realm.Date(value.getTime());
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) return value; // errors, typed arrays, regexps: as cloned
  const copy = prototype === null ? realm.Object.create(null) : new realm.Object();
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = intoRealm(realm, item, seen);
  return copy;
}
