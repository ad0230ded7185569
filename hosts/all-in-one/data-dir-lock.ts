import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One `npm start` per data directory: a second one would take the first one's PostgreSQL for a stale server and stop
 * it. The lock is this process's pid in `<dataDir>/npm-start.pid`; a pid that is no longer alive (a kill -9) is stale.
 */
export class DataDirLock {
  private readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'npm-start.pid');
  }

  acquire(): void {
    const holder = existsSync(this.file) ? Number(readFileSync(this.file, 'utf8')) : undefined;
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(`npm start is already running with ${path.dirname(this.file)} (pid ${holder}); stop it first or set DATA_DIR`);
    }
    writeFileSync(this.file, String(process.pid));
  }

  release(): void {
    if (existsSync(this.file) && Number(readFileSync(this.file, 'utf8')) === process.pid) rmSync(this.file);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
