/** The key under which a test file's failure reports wait on its global object (test/setup/jest.environment.ts). */
export const FAILURE_REPORTS = Symbol.for('choice-sherpa.failure-reports');

export type FailureReport = () => void | Promise<void>;

/**
 * Runs `report` after every test of this file that fails (e.g. to print the service logs beside the failure);
 * register it once at the top of the file.
 */
export function onTestFailure(report: FailureReport): void {
  const holder = globalThis as unknown as Record<symbol, FailureReport[] | undefined>;
  (holder[FAILURE_REPORTS] ??= []).push(report);
}
