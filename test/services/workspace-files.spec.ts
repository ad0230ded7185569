import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@choice-sherpa/platform';
import { repoRoot } from '../support/repo-root';
import { parseYamlSubset, YamlValue } from './support/yaml-subset';

type Mapping = Record<string, YamlValue>;
const read = (file: string) => readFileSync(path.join(repoRoot(), file), 'utf8');

describe('docker-compose.yml (static; no Docker engine runs here)', () => {
  const compose = parseYamlSubset(read('docker-compose.yml')) as Mapping;
  const services = compose.services as Record<string, Mapping>;

  it('runs PostgreSQL 16 with a persistent volume and a readiness check, on loopback only', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:16(\.|-|$)/);
    expect(postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect((postgres.healthcheck as Mapping).test).toEqual(expect.arrayContaining(['CMD', 'pg_isready']));
  });

  it('runs Redis 7 with AOF persistence on a volume, on loopback only', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7(\.|-|$)/);
    const command = redis.command as string[];
    expect(command[0]).toBe('redis-server');
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(command[command.indexOf('--dir') + 1]).toBe('/data');
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(redis.ports).toEqual(['127.0.0.1:6379:6379']);
    expect((redis.healthcheck as Mapping).test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('declares every named volume it mounts', () => {
    const declared = Object.keys(compose.volumes as Mapping);
    const mounted = Object.values(services).flatMap((service) => ((service.volumes as string[] | undefined) ?? []).map((volume) => volume.split(':')[0]));
    for (const volume of mounted.filter((name) => !name.startsWith('.') && !name.startsWith('/'))) expect(declared).toContain(volume);
  });

  it('is read by the subset parser exactly (a misparse would fail here, not silently pass)', () => {
    expect(() => parseYamlSubset('a:\n  - &anchor x\n')).toThrow(/not supported/);
    expect(() => parseYamlSubset('a: 1\na: 2\n')).toThrow(/duplicate key/);
    expect(parseYamlSubset('x:\n  y: ["a", "", \'b # c\'] # note\n  z:\n    - 1\n')).toEqual({ x: { y: ['a', '', 'b # c'], z: [1] } });
  });
});

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
