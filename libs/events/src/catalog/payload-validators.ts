import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { validateComponentOutput } from '../outputs/component-output';
import { isComponentType } from '../outputs/domain-vocabulary';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 date-time with a zone (`Z` or an offset), calendar-checked; our producers always write UTC `Z`. */
export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** As `new Date(Date.UTC(year, month, 0)).getUTCDate()` (which reads years 0-99 as 1900-1999), without a Date per check. */
function daysInMonth(written: number, month: number): number {
  const year = written < 100 ? 1900 + written : written;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

export function IsRfc3339(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRfc3339',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time', ...options },
      validator: { validate: (value: unknown) => isRfc3339(value) },
    });
}

/** A record of non-empty keys to integers, e.g. Pugh scores per alternative id. */
export function IsIntegerRecord(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIntegerRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must map non-empty keys to integers', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([key, score]) => key.length > 0 && key.length <= 200 && Number.isInteger(score)),
      },
    });
}

/** The key must be present; `null` is a valid value, anything else is validated by the other decorators. */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== null);
}

/**
 * The component output of an event, valid under its component's schema (libs/events/outputs), chosen by the
 * payload's own `component_type`. Producers check it before writing and every consumer on reading, so no handler
 * ever sees an output that the decision contract refuses. The message names the field, never the output's values.
 * `allowNone`: `{}` also stands for "no output" (a component completed without one, which DOMAIN.md allows for the
 * components without a completion rule), even where `{}` is not a valid output of that component.
 */
export function IsComponentOutput({ allowNone = false, ...options }: ValidationOptions & { allowNone?: boolean } = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isComponentOutput',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a valid output of the payload component_type', ...options },
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const type = (args?.object as { component_type?: unknown } | undefined)?.component_type;
          if (allowNone && isEmptyPlainObject(value)) return true;
          return isComponentType(type) && validateComponentOutput(type, value).ok;
        },
      },
    });
}

function isEmptyPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
}
