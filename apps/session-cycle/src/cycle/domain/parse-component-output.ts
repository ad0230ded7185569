import { validateComponentOutput, type ComponentOutput } from '@choice-sherpa/events/outputs';
import { InvalidOutputError } from '../../shared/domain/domain-errors';
import type { ComponentType } from './component-type';

/** The clean output, or `InvalidOutputError` (400 INVALID_OUTPUT, details [{field, message}]) naming every bad field. */
export function parseComponentOutput(type: ComponentType, value: unknown, pathPrefix = ''): ComponentOutput {
  const result = validateComponentOutput(type, value, pathPrefix);
  if (!result.ok) throw new InvalidOutputError(type, result.errors);
  return result.value;
}
