/**
 * A component output the analysis cannot be computed from (an id twice, a rating out of range, a cell naming no
 * alternative). Deterministic: the same input fails every time, so retrying does not help. The message names the
 * field and the rule, never the user's ids or text (messages reach logs).
 */
export class InvalidAnalysisInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidAnalysisInputError';
  }
}
