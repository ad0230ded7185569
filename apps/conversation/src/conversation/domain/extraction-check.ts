import { completionGaps, validateComponentOutput, type ComponentOutput, type ComponentType, type FieldError } from '@choice-sherpa/events/outputs';

export type CandidateCheck = { ok: true; output: ComponentOutput } | { ok: false; problems: FieldError[] };

/**
 * A candidate output (whatever a facilitator extracted) checked against the component's schema and completion rule:
 * only a clean, complete-able output may be proposed; anything else is asked about again, never stored half-valid.
 */
export function checkCandidate(type: ComponentType, candidate: unknown): CandidateCheck {
  const validation = validateComponentOutput(type, candidate);
  if (!validation.ok) return { ok: false, problems: validation.errors };
  const gaps = completionGaps(type, validation.value);
  if (gaps.length > 0) return { ok: false, problems: gaps.map((message) => ({ field: type, message })) };
  return { ok: true, output: validation.value };
}
