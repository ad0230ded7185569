import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EVENT_REGISTRY, EVENT_TYPES } from '../catalog/event-registry';
import type { EventType } from '../catalog/event-types';
import { SAMPLE_IDS, samplePayload } from '../catalog/testing/sample-payloads';
import { SAMPLE_OUTPUTS } from '../outputs/testing/sample-outputs';
import { passesCompiledChecks } from './compiled-payload-check';

const ODD_VALUES: unknown[] = [
  undefined, null, '', ' ', 'x', 'x'.repeat(201), 'x'.repeat(4001), 0, -1, 1.5, 101, 1e300, true, false, [], [null], [''], ['x'], [1], [[]], [{}], {}, { a: 1 },
  '0192f0a0-0000-7000-8000-00000000000z', '2026-02-30T00:00:00Z', 'alternatives', 'complete',
];

/** Every path of `value` (objects and arrays, as deep as they go), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string, unknown>)[key as string], [...prefix, key])]);
}

function withValue(payload: object, path: (string | number)[], replacement: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy;
}

function classOf(type: EventType): new () => object {
  return EVENT_REGISTRY[type].payloadClass as new () => object;
}

function classValidatorAccepts(type: EventType, payload: Record<string, unknown>): boolean {
  return validateSync(plainToInstance(classOf(type), payload), { forbidUnknownValues: true }).length === 0;
}

/** The samples, and a branch that copied components (nested items with an optional output). */
const SAMPLES: [EventType, Record<string, unknown>][] = [
  ...EVENT_TYPES.map((type): [EventType, Record<string, unknown>] => [type, samplePayload(type) as Record<string, unknown>]),
  ['cycle.branched', {
    ...samplePayload('cycle.branched'),
    copied_components: [
      { component_type: 'issue_raising', component_id: SAMPLE_IDS.component, status: 'complete', output: SAMPLE_OUTPUTS.issue_raising },
      { component_type: 'problem_frame', component_id: SAMPLE_IDS.message, status: 'in_progress' },
    ],
  }],
];

describe('compiled payload checks', () => {
  it.each(SAMPLES)('accept the %s sample (the fast path is taken for valid events)', (type, sample) => {
    expect(classValidatorAccepts(type, sample)).toBe(true);
    expect(passesCompiledChecks(plainToInstance(classOf(type), sample))).toBe(true);
  });

  it.each(SAMPLES)('never accept a %s payload that class-validator refuses (every field of the sample given odd values)', (type, sample) => {
    let refused = 0;
    const slowOnly: string[] = [];
    for (const path of pathsOf(sample)) {
      for (const odd of ODD_VALUES) {
        const payload = withValue(sample, path, odd);
        const slow = classValidatorAccepts(type, payload);
        const fast = passesCompiledChecks(plainToInstance(classOf(type), payload));
        if (!slow) refused++;
        // fast accept => class-validator accepts; a fast refusal is only a detour through class-validator
        if (fast && !slow) throw new Error(`compiled checks accepted ${type} with ${path.join('.')} = ${JSON.stringify(odd)}`);
        if (fast !== slow) slowOnly.push(`${path.join('.')} = ${JSON.stringify(odd) ?? 'undefined'}`);
      }
    }
    expect(refused).toBeGreaterThan(0);
    // The only valid payloads the checks leave to class-validator: a nested list holding arrays (class-validator
    // flattens them) or holes; everything else it accepts is accepted fast.
    for (const found of slowOnly) expect(found).toMatch(/^(dominated_alternatives|element_scores|copied_components)(\.\d+)? = (\[.*\]|undefined)$/);
  });

  it('leaves a payload of an unknown class (no rules: forbidUnknownValues) to class-validator', () => {
    expect(passesCompiledChecks({ any: 'thing' })).toBe(false);
    class Unregistered {}
    expect(passesCompiledChecks(new Unregistered())).toBe(false);
  });

  it('checks nested items by their own class, and refuses a non-object item', () => {
    const sample = samplePayload('analysis.dq_computed');
    const check = (payload: object) => passesCompiledChecks(plainToInstance(classOf('analysis.dq_computed'), payload));

    expect(check({ ...sample, element_scores: [{ name: 'Clear frame', score: 101 }] })).toBe(false);
    expect(check({ ...sample, element_scores: ['Clear frame'] })).toBe(false);
    expect(check({ ...sample, element_scores: [{ name: 'Clear frame', score: 100 }] })).toBe(true);
  });
});
