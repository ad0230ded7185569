import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

/**
 * The catalog's class-validator rules, compiled once per class into plain checks: every decorator's own `validate`
 * function, called as class-validator's executor calls it (same metadata, same arguments, conditions first, `each`
 * over arrays, nested instances checked by their own class), without its per-call metadata lookups and error objects.
 *
 * A fast accept only: `true` means class-validator finds no error in `instance`; `false` means "ask class-validator",
 * which then gives the authoritative answer and the failure's fields (so an odd case the checks do not model, such as
 * a nested array of arrays, costs the slow path, never a wrong answer). A class using anything else (groups, async or
 * `IsDefined` rules, promises) is never compiled and always takes the slow path.
 */
export function passesCompiledChecks(instance: object): boolean {
  const check = checkFor(instance.constructor as Function, undefined);
  return check !== null && check(instance);
}

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Check = (object: object) => boolean;
type ValueCheck = (object: object, value: unknown) => boolean;

const compiled = new Map<string | undefined, WeakMap<Function, Check | null>>();
const TYPES = ValidationTypes as unknown as Record<'CUSTOM_VALIDATION' | 'NESTED_VALIDATION' | 'CONDITIONAL_VALIDATION', string>;

/** The compiled check of a class (`schema`: the name class-validator passes for nested objects), cached; null: not compilable. */
function checkFor(target: Function, schema: string | undefined): Check | null {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new WeakMap()));
  let check = bySchema.get(target);
  if (check === undefined) {
    check = compileClass(target, schema);
    bySchema.set(target, check);
  }
  return check;
}

function compileClass(target: Function, schema: string | undefined): Check | null {
  const storage = getMetadataStorage();
  // the arguments class-validator's executor uses with our options (no groups, always and strictGroups false)
  const metadatas = storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
  if (metadatas.length === 0) return null; // forbidUnknownValues: an error
  const properties: Check[] = [];
  for (const [property, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const check = compileProperty(property, list);
    if (!check) return null;
    properties.push(check);
  }
  return (object) => {
    for (const check of properties) if (!check(object)) return false;
    return true;
  };
}

function compileProperty(property: string, metadatas: ValidationMetadata[]): Check | null {
  const conditions: ValueCheck[] = [];
  const customs: ValueCheck[] = [];
  const nested: ValidationMetadata[] = [];
  for (const metadata of metadatas) {
    if (metadata.groups?.length || metadata.always !== undefined || metadata.validateIf) return null;
    if (metadata.type === TYPES.CONDITIONAL_VALIDATION) {
      const condition = metadata.constraints[0] as ValueCheck;
      conditions.push(condition);
    } else if (metadata.type === TYPES.CUSTOM_VALIDATION) {
      const check = compileCustom(property, metadata);
      if (!check) return null;
      customs.push(check);
    } else if (metadata.type === TYPES.NESTED_VALIDATION) {
      nested.push(metadata);
    } else {
      return null;
    }
  }
  const schemas = nested.map((metadata) => (typeof metadata.target === 'string' ? metadata.target : metadata.target.name));
  return (object) => {
    const value = (object as Record<string, unknown>)[property];
    for (const condition of conditions) if (!condition(object, value)) return true; // not validated at all
    for (const custom of customs) if (!custom(object, value)) return false;
    if (value === undefined) return true;
    for (const schema of schemas) if (!nestedValid(value, schema)) return false;
    return true;
  };
}

/** One custom rule (IsUUID, Length, IsComponentOutput...): each of its constraint's `validate`, over the items for `each`. */
function compileCustom(property: string, metadata: ValidationMetadata): ValueCheck | null {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.some((constraint) => constraint.async)) return null;
  const validators = constraints.map((constraint) => constraint.instance);
  const args = (object: object, value: unknown): ValidationArguments => ({
    targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
    property,
    object,
    value,
    constraints: metadata.constraints,
  });
  return (object, value) => {
    if (metadata.each && (value instanceof Set || value instanceof Map)) return false; // slow path
    const items = metadata.each && Array.isArray(value) ? value : undefined;
    const validationArguments = args(object, value);
    for (const validator of validators) {
      // anything but `true` (a truthy non-boolean, a promise) is left to class-validator
      if (items) {
        for (const item of items) if (validator.validate(item, validationArguments) !== true) return false;
      } else if (validator.validate(value, validationArguments) !== true) {
        return false;
      }
    }
    return true;
  };
}

/** ValidateNested: an object checked by its own class; an array item by item (a non-object is an error). */
function nestedValid(value: unknown, schema: string): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (Array.isArray(item) || !nestedValid(item, schema)) return false; // arrays of arrays: slow path
    return true;
  }
  if (!(value instanceof Object) || value instanceof Set || value instanceof Map) return false;
  const check = checkFor(value.constructor, schema);
  return check !== null && check(value);
}
