import { isPlainObject, PROTOTYPE_KEYS } from './plain-values';
/** One invalid field: `field` is a path such as `fundamental_objectives[2].description`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A tiny schema language for JSON values, pure TypeScript so the domain stays framework-free.
 *
 * Each schema parses an unknown value into a fresh, clean copy or records `FieldError`s with the field path
 * (`alternatives[1].name`, `cells["a1:o2"].rating`). Objects are closed: unknown fields are errors, and the keys
 * `__proto__`, `constructor` and `prototype` are refused outright. Only plain objects and arrays are accepted.
 * Strings are trimmed; every string and list has a bound. Missing list fields default to an empty list.
 */
export interface Schema<T> {
  parse(value: unknown, path: string, errors: ErrorSink): T | undefined;
  /** The same shape as JSON Schema (for a model's structured output); cross-field checks are not expressed. */
  readonly json: JsonSchema;
  /** What to use when an object field is absent; a required field has none. */
  readonly absent?: { optional: true; value?: () => T };
}

/** Collects errors, at most `limit` of them so a hostile body cannot grow the response. */
export class ErrorSink {
  readonly errors: FieldError[] = [];
  /** Every error seen, also those past the limit: schemas compare it to know whether a child failed. */
  count = 0;
  constructor(private readonly limit = 50) {}
  add(field: string, message: string): void {
    this.count++;
    if (this.errors.length < this.limit) this.errors.push({ field: field || '(root)', message });
  }
  get failed(): boolean {
    return this.count > 0;
  }
}

export type JsonSchema = Record<string, unknown>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<T>(schema: Schema<T>, value: unknown, path = ''): ParseResult<T> {
  const sink = new ErrorSink();
  const parsed = schema.parse(value, path, sink);
  if (sink.failed || parsed === undefined) return { ok: false, errors: sink.errors.length ? sink.errors : [{ field: path || '(root)', message: 'invalid' }] };
  return { ok: true, value: parsed };
}

export const FORBIDDEN_KEYS = new Set(PROTOTYPE_KEYS);
export { isPlainObject };

/**
 * A key as error paths show it: a plain field name or id as is, anything else (free text sent as a key) as `[key]`,
 * never repeated (the platform's `safeKey` rule; this module imports no package, test/architecture checks it).
 */
function safeKey(key: string): string {
  return /^[A-Za-z0-9_:-]{1,64}$/.test(key) ? key : '[key]';
}

export function fieldPath(path: string, key: string): string {
  const shown = safeKey(key);
  return path ? `${path}.${shown}` : shown;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export interface TextOptions {
  min?: number;
  max: number;
  pattern?: RegExp;
  patternMessage?: string;
}

/** A string, trimmed, with `min..max` characters (after trimming). */
export function text(options: TextOptions): Schema<string> {
  const min = options.min ?? 1;
  return {
    json: { type: 'string', minLength: min, maxLength: options.max, ...(options.pattern ? { pattern: options.pattern.source } : {}) },
    parse(value, path, errors) {
      if (typeof value !== 'string') return void errors.add(path, `must be a string, got ${typeName(value)}`);
      const trimmed = value.trim();
      if (trimmed.length > options.max) return void errors.add(path, `too long (at most ${options.max} characters)`);
      if (trimmed.length < min) return void errors.add(path, min === 1 ? 'must not be blank' : `too short (at least ${min} characters)`);
      if (options.pattern && !options.pattern.test(trimmed)) return void errors.add(path, options.patternMessage ?? 'has an invalid format');
      return trimmed;
    },
  };
}

export function integer(options: { min: number; max: number }): Schema<number> {
  return {
    json: { type: 'integer', minimum: options.min, maximum: options.max },
    parse(value, path, errors) {
      if (typeof value !== 'number' || !Number.isInteger(value)) return void errors.add(path, `must be an integer, got ${typeName(value)}`);
      if (value < options.min || value > options.max) return void errors.add(path, `out of range (${options.min} to ${options.max})`);
      return value;
    },
  };
}

export function decimal(options: { min: number; max: number }): Schema<number> {
  return {
    json: { type: 'number', minimum: options.min, maximum: options.max },
    parse(value, path, errors) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return void errors.add(path, `must be a number, got ${typeName(value)}`);
      if (value < options.min || value > options.max) return void errors.add(path, `out of range (${options.min} to ${options.max})`);
      return value;
    },
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Schema<T> {
  return {
    json: { type: 'string', enum: [...values] },
    parse(value, path, errors) {
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
        return void errors.add(path, `must be one of ${values.join(', ')}`);
      }
      return value as T;
    },
  };
}

export function list<T>(item: Schema<T>, options: { max: number; min?: number }): Schema<T[]> {
  return {
    json: { type: 'array', items: item.json, maxItems: options.max, ...(options.min !== undefined ? { minItems: options.min } : {}) },
    absent: { optional: true, value: () => [] },
    parse(value, path, errors) {
      if (!Array.isArray(value)) return void errors.add(path, `must be a list, got ${typeName(value)}`);
      if (value.length > options.max) return void errors.add(path, `too many items (at most ${options.max})`);
      if (options.min !== undefined && value.length < options.min) return void errors.add(path, `too few items (at least ${options.min})`);
      const out: T[] = [];
      const before = errors.count;
      value.forEach((element, index) => {
        const parsed = item.parse(element, `${path}[${index}]`, errors);
        if (parsed !== undefined) out.push(parsed);
      });
      return errors.count > before ? undefined : out;
    },
  };
}

/** An optional field: absent or null means "not given" and the key is left out of the result. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return {
    json: schema.json,
    absent: { optional: true },
    parse(value, path, errors) {
      if (value === undefined || value === null) return undefined;
      return schema.parse(value, path, errors);
    },
  };
}

/** A field that is always present in the result, null when not given. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return {
    json: { anyOf: [schema.json, { type: 'null' }] },
    absent: { optional: true, value: () => null },
    parse(value, path, errors) {
      if (value === undefined || value === null) return null;
      return schema.parse(value, path, errors);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? T : never };

/** A closed object: every field of `shape`, nothing else. */
export function object<S extends Shape>(shape: S): Schema<Parsed<S>> {
  return {
    json: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.json])),
      required: Object.entries(shape).filter(([, schema]) => !schema.absent).map(([key]) => key),
      additionalProperties: false,
    },
    parse(value, path, errors) {
      if (!isPlainObject(value)) return void errors.add(path, `must be an object, got ${typeName(value)}`);
      let valid = true;
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.add(fieldPath(path, key), 'forbidden key');
          valid = false;
        } else if (!Object.prototype.hasOwnProperty.call(shape, key)) {
          errors.add(fieldPath(path, key), 'unknown field');
          valid = false;
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const present = Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
        if (!present) {
          if (!schema.absent) {
            errors.add(fieldPath(path, key), 'is required');
            valid = false;
          } else if (schema.absent.value) {
            out[key] = schema.absent.value();
          }
          continue;
        }
        const before = errors.count;
        const parsed = schema.parse(value[key], fieldPath(path, key), errors);
        if (errors.count > before) valid = false;
        if (parsed !== undefined) out[key] = parsed;
      }
      return valid ? (out as Parsed<S>) : undefined;
    },
  };
}

/** A map with bounded, pattern-checked keys (e.g. consequence cells keyed "alt_id:obj_id"). */
export function record<T>(key: TextOptions, item: Schema<T>, options: { maxKeys: number }): Schema<Record<string, T>> {
  return {
    json: { type: 'object', additionalProperties: item.json, maxProperties: options.maxKeys, ...(key.pattern ? { propertyNames: { pattern: key.pattern.source } } : {}) },
    absent: { optional: true, value: () => ({}) },
    parse(value, path, errors) {
      if (!isPlainObject(value)) return void errors.add(path, `must be an object, got ${typeName(value)}`);
      const keys = Object.keys(value);
      if (keys.length > options.maxKeys) return void errors.add(path, `too many entries (at most ${options.maxKeys})`);
      const out: Record<string, T> = {};
      let valid = true;
      for (const k of keys) {
        const keyPath = `${path}[${JSON.stringify(safeKey(k))}]`;
        if (FORBIDDEN_KEYS.has(k)) {
          errors.add(keyPath, 'forbidden key');
          valid = false;
          continue;
        }
        if (k.length < (key.min ?? 1) || k.length > key.max || (key.pattern && !key.pattern.test(k))) {
          errors.add(keyPath, key.patternMessage ?? 'invalid key');
          valid = false;
          continue;
        }
        const before = errors.count;
        const parsed = item.parse(value[k], keyPath, errors);
        if (errors.count > before) valid = false;
        if (parsed !== undefined) out[k] = parsed;
      }
      return valid ? out : undefined;
    },
  };
}

/** Adds cross-field checks after the shape parsed cleanly; `check` reports through `add(field, message)`. */
export function refine<T>(schema: Schema<T>, check: (value: T, add: (field: string, message: string) => void) => void): Schema<T> {
  return {
    json: schema.json,
    absent: schema.absent,
    parse(value, path, errors) {
      const parsed = schema.parse(value, path, errors);
      if (parsed === undefined) return undefined;
      const before = errors.count;
      check(parsed, (field, message) => errors.add(path ? (field.startsWith('[') ? `${path}${field}` : `${path}.${field}`) : field, message));
      return errors.count > before ? undefined : parsed;
    },
  };
}

/** The type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;
