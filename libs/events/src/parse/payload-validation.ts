import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync, ValidatorOptions } from 'class-validator';
import type { EventDefinition } from '../catalog/event-registry';

/**
 * Unknown payload properties are allowed on purpose: adding a field does not bump `schema_version` (EVENTS.md),
 * so a consumer built on an older catalog must accept events from a newer producer; the known fields are checked.
 * Errors carry no targets or values, so nothing confidential can leak into a failure reason.
 */
const OPTIONS: ValidatorOptions = {
  whitelist: false,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

export type PayloadValidation = { ok: true; payload: object } | { ok: false; fields: string[]; constraints: string[] };

export function validatePayload(definition: EventDefinition, payload: Record<string, unknown>): PayloadValidation {
  const instance = plainToInstance(definition.payloadClass, payload);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length === 0) return { ok: true, payload: instance };
  const fields: string[] = [];
  const constraints: string[] = [];
  collect(errors, 'payload', fields, constraints);
  return { ok: false, fields, constraints };
}

function collect(errors: ValidationError[], prefix: string, fields: string[], constraints: string[]): void {
  for (const error of errors) {
    const path = `${prefix}.${error.property}`;
    if (error.constraints) {
      fields.push(path);
      constraints.push(`${path} (${Object.keys(error.constraints).join(', ')})`);
    }
    if (error.children?.length) collect(error.children, path, fields, constraints);
  }
}
