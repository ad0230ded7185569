import { isRfc3339 } from '../catalog/payload-validators';
import { isPlainObject, isUuid } from '../outputs/plain-values';

const METADATA_KEYS = ['correlation_id', 'causation_id', 'user_id', 'trace_id'] as const;
const MAX_ID_LENGTH = 256;

type Check = (value: unknown) => boolean;

const isBoundedString: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const isPositiveInt: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 1;

const ENVELOPE_CHECKS: ReadonlyArray<[string, Check]> = [
  ['event_id', isUuid],
  ['event_type', isBoundedString],
  ['aggregate_id', isBoundedString],
  ['aggregate_type', isBoundedString],
  ['occurred_at', isRfc3339],
  ['schema_version', isPositiveInt],
  ['payload', isPlainObject],
  ['metadata', isPlainObject],
];

export function asPlainObject(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

/**
 * The property paths of `envelope` that are missing or of the wrong type (empty when the shape is right).
 * `sequence` is checked only for committed envelopes: pending events get it from the outbox writer.
 */
export function envelopeShapeErrors(envelope: Record<string, unknown>, requireSequence: boolean): string[] {
  const errors: string[] = [];
  for (const [field, check] of ENVELOPE_CHECKS) {
    if (!check(envelope[field])) errors.push(field);
  }
  if (requireSequence && !isPositiveInt(envelope.sequence)) errors.push('sequence');
  const metadata = envelope.metadata;
  if (isPlainObject(metadata)) {
    for (const key of METADATA_KEYS) {
      const value = metadata[key];
      if (value !== null && !isBoundedString(value)) errors.push(`metadata.${key}`);
    }
  }
  return errors;
}
