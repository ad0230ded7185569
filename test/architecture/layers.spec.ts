import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The layer rules live in .dependency-cruiser.cjs (every file) and .dependency-cruiser.folders.cjs (folder cycles,
// production code); this spec runs them as `npm run depcruise` does, so the suite fails on a new violation.
// No baseline of known violations: every rule holds everywhere.
const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

interface Summary {
  violations: Violation[];
  totalCruised: number;
}

function cruise(args: string[]): Summary {
  let output: string;
  try {
    output = execFileSync(process.execPath, [cli, ...args, '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    // dependency-cruiser exits with the number of errors; the report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw error;
  }
  return (JSON.parse(output) as { summary: Summary }).summary;
}

const unignored = (summary: Summary): string[] =>
  summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);

describe('layer rules (dependency-cruiser)', () => {
  it('no module breaks a layer rule: domain imports no framework, apps import no other app, no cycles, no orphans', () => {
    const summary = cruise(['apps', 'libs', 'hosts', 'test', 'bench', 'scripts']);
    expect(summary.totalCruised).toBeGreaterThan(500);
    expect(unignored(summary)).toEqual([]);
  }, 120_000);

  it('production folders depend on each other in one direction only', () => {
    const summary = cruise(['apps', 'libs', 'hosts', 'scripts', '--config', '.dependency-cruiser.folders.cjs']);
    expect(summary.totalCruised).toBeGreaterThan(400);
    expect(unignored(summary)).toEqual([]);
  }, 120_000);
});
