import type { DomainError } from './domain-errors';

/**
 * One invariant as a small named object (modular-monolith-with-ddd "Rules"): tests assert a rule by its name, and
 * the error it throws carries that name in `rule`.
 */
export interface BusinessRule {
  readonly name: string;
  isBroken(): boolean;
  /** The error to throw when broken; called only then. */
  error(): DomainError;
}

export function checkRule(rule: BusinessRule): void {
  if (!rule.isBroken()) return;
  const error = rule.error();
  error.rule = rule.name;
  throw error;
}
