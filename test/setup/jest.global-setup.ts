import { setup as startLogCheck } from '../support/log-check.global-setup';
import startInfrastructure from './test-infrastructure';

/**
 * Jest global setup (runs once, in the process that later runs the global teardown): PostgreSQL and Redis for the
 * run, then the service log directory the log check scans after it. The workers start afterwards and inherit the
 * URLs and SERVICE_LOG_DIR through process.env; the stop function waits on globalThis for the teardown.
 */
export default async function globalSetup(): Promise<void> {
  (globalThis as TestRunGlobals).stopTestInfrastructure = await startInfrastructure();
  startLogCheck();
}

export interface TestRunGlobals {
  stopTestInfrastructure?: () => Promise<void>;
}
