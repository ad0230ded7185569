import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { scanServiceLogs } from './log-scan';
import { repoRoot } from './repo-root';

const KEEP_RUNS = 3;

/**
 * The log check (run by the Jest global setup and teardown, test/setup/jest.global-*.ts): every service process the
 * tests start writes its log into this run's directory (`.test-logs/run-*`, SERVICE_LOG_DIR); after the run every one
 * of those logs is scanned, and a line holding a token, an email address or text the tests sent as confidential fails
 * the run (README "Security").
 */
export function setup(): void {
  const root = path.join(repoRoot(), '.test-logs');
  mkdirSync(root, { recursive: true });
  const runs = readdirSync(root).filter((name) => name.startsWith('run-')).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS + 1))) rmSync(path.join(root, old), { recursive: true, force: true });
  const dir = path.join(root, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.SERVICE_LOG_DIR = dir;
}

export function teardown(): void {
  const dir = process.env.SERVICE_LOG_DIR;
  if (!dir) return;
  const { files, lines, findings } = scanServiceLogs(dir);
  if (findings.length === 0) {
    if (files > 0) process.stdout.write(`service log check: ${lines} lines in ${files} service logs, none holds a token, an email or confidential text (${dir})\n`);
    return;
  }
  const shown = findings.slice(0, 20).map((finding) => `  ${finding.file}:${finding.line} holds ${finding.kind}`);
  process.stderr.write(`service log check FAILED: ${findings.length} lines in ${dir}\n${shown.join('\n')}\n`);
  process.exitCode = 1;
}
