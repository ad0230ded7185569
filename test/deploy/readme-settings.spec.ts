import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { loadServiceSettings } from './support/service-settings';
import { settingsTable, TABLE_END, TABLE_START } from './support/settings-table';

describe('README settings table', () => {
  it('lists every setting of every service as the settings lists declare it (regenerate from the message when it fails)', async () => {
    const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const table = readme.slice(start + TABLE_START.length, end).trim();
    expect(table).toBe(settingsTable(await loadServiceSettings()));
  });
});
