import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@choice-sherpa/platform';
import { repoRoot } from '../support/repo-root';

const read = (file: string) => readFileSync(path.join(repoRoot(), file), 'utf8');

describe('nest-cli.json', () => {
  const cli = JSON.parse(read('nest-cli.json')) as { monorepo: boolean; projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }> };

  it('is a monorepo with the six apps and the two libraries as projects', () => {
    expect(cli.monorepo).toBe(true);
    expect(Object.keys(cli.projects).sort()).toEqual([...SERVICE_NAMES, 'events', 'platform'].sort());
    for (const service of SERVICE_NAMES) {
      expect(cli.projects[service]).toMatchObject({ type: 'application', root: `apps/${service}`, sourceRoot: `apps/${service}/src` });
    }
    expect(cli.projects.events).toMatchObject({ type: 'library', sourceRoot: 'libs/events/src' });
    expect(cli.projects.platform).toMatchObject({ type: 'library', sourceRoot: 'libs/platform/src' });
  });

  it('points each app at the entry the build emits (dist/apps/<app>/src/main.js)', () => {
    for (const service of SERVICE_NAMES) expect(cli.projects[service].entryFile).toBe(`apps/${service}/src/main`);
  });
});

describe('config/local.env', () => {
  it('holds every setting a service needs locally, one file for all six', () => {
    const env = Object.fromEntries(
      read('config/local.env')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({ PG_URL: expect.stringMatching(/^postgres:\/\//), REDIS_URL: expect.stringMatching(/^redis:\/\//) });
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBeUndefined();
  });
});
