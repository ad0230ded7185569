import { integer, list, nullable, object, optional, parseWith, record, text } from './schema';

describe('schema language', () => {
  const person = object({ name: text({ max: 5 }), age: optional(integer({ min: 0, max: 150 })), tags: list(text({ max: 3 }), { max: 2 }) });

  it('returns a clean copy with trimmed strings and defaults', () => {
    expect(parseWith(person, { name: ' Ann ' })).toEqual({ ok: true, value: { name: 'Ann', tags: [] } });
  });

  it('treats null as absent for optional fields', () => {
    expect(parseWith(person, { name: 'Ann', age: null })).toEqual({ ok: true, value: { name: 'Ann', tags: [] } });
  });

  it('keeps nullable fields as null', () => {
    expect(parseWith(object({ x: nullable(text({ max: 3 })) }), {})).toEqual({ ok: true, value: { x: null } });
  });

  it('collects every error with its path', () => {
    const result = parseWith(person, { name: 'Annabel', age: -1, tags: ['ok', 'toolong'] }, 'body');
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'body.name', message: 'too long (at most 5 characters)' },
        { field: 'body.age', message: 'out of range (0 to 150)' },
        { field: 'body.tags[1]', message: 'too long (at most 3 characters)' },
      ],
    });
  });

  it('refuses objects that are not plain (class instances, Dates)', () => {
    class Sneaky {
      name = 'x';
    }
    expect(parseWith(person, new Sneaky()).ok).toBe(false);
    expect(parseWith(person, new Date()).ok).toBe(false);
  });

  it('accepts null-prototype objects', () => {
    const value = Object.assign(Object.create(null), { name: 'Ann' });
    expect(parseWith(person, value).ok).toBe(true);
  });

  it('refuses prototype keys in records too', () => {
    const map = record({ max: 10 }, integer({ min: 0, max: 1 }), { maxKeys: 5 });
    expect(parseWith(map, JSON.parse('{"__proto__": 1}'))).toEqual({ ok: false, errors: [{ field: '["__proto__"]', message: 'forbidden key' }] });
    expect(parseWith(map, { a: 1, b: 2, c: 0, d: 0, e: 0, f: 0 })).toEqual({ ok: false, errors: [{ field: '(root)', message: 'too many entries (at most 5)' }] });
  });

  it('caps the number of reported errors at 50', () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 1]));
    const result = parseWith(person, many);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(50);
  });

  it('shortens very long unknown keys in the field path', () => {
    const result = parseWith(person, { name: 'A', ['k'.repeat(1000)]: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].field.length).toBeLessThan(60);
  });

  it('refuses non-finite and non-integer numbers for integers', () => {
    const n = integer({ min: 0, max: 10 });
    for (const bad of [Number.NaN, Infinity, 1.5, '1']) expect(parseWith(n, bad).ok).toBe(false);
  });
});
