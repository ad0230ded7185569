import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 date-time with a zone (`Z` or an offset), calendar-checked; our producers always write UTC `Z`. */
export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
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
