import { COMPONENT_TYPES } from './domain-vocabulary';
import { validateComponentOutput } from './component-output';
import { SAMPLE_OUTPUTS } from './testing/sample-outputs';
import { pick, seededRandom } from './testing/seeded-random';

const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  Number.NaN,
  Infinity,
  '',
  ' ',
  'x'.repeat(20_000),
  true,
  [],
  [null],
  {},
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  new Date(0),
  Array.from({ length: 500 }, () => 'a'),
];

/** Every container path of a JSON value, e.g. [], ['alternatives'], ['alternatives', 0]. */
function containerPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => containerPaths(v, [...path, i]))];
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => containerPaths(v, [...path, k]))];
  return [];
}

describe.each(COMPONENT_TYPES)('%s output under hostile mutation', (type) => {
  it('never throws, and whatever it accepts is a fixed point of validation', () => {
    const random = seededRandom(type.length * 104_729);
    const paths = containerPaths(SAMPLE_OUTPUTS[type]);
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      const value = structuredClone(SAMPLE_OUTPUTS[type]) as Record<string, unknown>;
      const path = pick(random, paths);
      let target: Record<string | number, unknown> = value;
      for (const key of path) target = target[key] as Record<string | number, unknown>;
      const keys = Object.keys(target);
      const key = random() < 0.3 || keys.length === 0 ? pick(random, ['extra', '__proto__', 'constructor', '0']) : pick(random, keys);
      const hostile = pick(random, HOSTILE_VALUES);
      if (key === '__proto__') Object.defineProperty(target, key, { value: hostile, enumerable: true, configurable: true, writable: true });
      else target[key] = hostile;

      const result = validateComponentOutput(type, value);
      if (result.ok) {
        accepted++;
        expect(validateComponentOutput(type, JSON.parse(JSON.stringify(result.value)))).toEqual(result);
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.errors.length).toBeLessThanOrEqual(50);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(accepted).toBeLessThan(300);
  });
});
