import { teardown as checkServiceLogs } from '../support/log-check.global-setup';
import type { TestRunGlobals } from './jest.global-setup';

/** Jest global teardown: scan every service log of the run (a finding fails it), then stop what the setup started. */
export default async function globalTeardown(): Promise<void> {
  try {
    checkServiceLogs();
  } finally {
    await (globalThis as TestRunGlobals).stopTestInfrastructure?.();
  }
}
