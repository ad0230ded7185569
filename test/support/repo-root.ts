import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file whether it runs from source (Jest) or compiled (dist/, benchmarks). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
