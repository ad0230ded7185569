import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { repoRoot } from '../support/repo-root';
import { ENTRY_POINT_SETTINGS } from '../../hosts/entry-point/entry-point.settings';
import { ENTRY_COMMAND, SERVICE_NAMES, serviceCommand } from './support/deploy-facts';
import { argumentsOf, buildContextFilter, DOCKERFILE, dockerfileStages, gitTrackedFiles, runtimeImportsOf, SECRET_LOOKING_FILES } from './support/dockerfile';

const text = readFileSync(DOCKERFILE, 'utf8');
const stages = dockerfileStages(text);
const stage = (name: string) => {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const keyword = (name: string, word: string) => stage(name).instructions.filter((instruction) => instruction.getKeyword() === word).map(argumentsOf);
const packageJson = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('Dockerfile', () => {
  it('has no syntax or semantic problems (the Docker language service validator)', () => {
    expect(validate(text)).toEqual([]);
  });

  it('builds in stages from the current Node LTS on a slim Debian base pinned to a patch release', () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    const [, major] = /^node:(\d+)\.\d+\.\d+-[a-z]+-slim$/.exec(stage('runtime').from) ?? [];
    expect(Number(major) % 2 === 0 && Number(major) >= 24).toBe(true);
    for (const name of ['deps', 'prod-deps', 'runtime']) expect(stage(name).from).toBe(stage('runtime').from);
  });

  it('installs from the lockfile, and only production dependencies reach the final stage', () => {
    expect(keyword('deps', 'COPY')).toContain('package.json package-lock.json ./');
    expect(keyword('deps', 'RUN')).toEqual([expect.stringMatching(/^(--mount=\S+ )?npm ci\b/)]);
    expect(keyword('prod-deps', 'RUN')).toEqual([expect.stringMatching(/^(--mount=\S+ )?npm ci .*--omit=dev/)]);
    const copies = keyword('runtime', 'COPY');
    expect(copies).toContain('--from=prod-deps /src/node_modules ./node_modules');
    expect(copies.filter((copy) => copy.includes('node_modules'))).toHaveLength(1);
    expect(copies.filter((copy) => copy.startsWith('--from=build'))).toEqual(['--from=build /src/dist ./dist', '--from=build /src/apps/web/dist ./apps/web/dist']);
  });

  it('runs as a numeric non-root user under tini, from files that user cannot change', () => {
    const runtime = stage('runtime').instructions;
    const user = runtime.filter((instruction) => instruction.getKeyword() === 'USER').map(argumentsOf);
    expect(user).toHaveLength(1);
    expect(user[0]).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const userLine = runtime.findIndex((instruction) => instruction.getKeyword() === 'USER');
    expect(runtime.slice(userLine).map((instruction) => instruction.getKeyword())).not.toContain('COPY');
    expect(keyword('runtime', 'COPY').filter((copy) => copy.includes('--chown'))).toEqual([]);
    expect(keyword('runtime', 'ENTRYPOINT')).toEqual(['["/usr/bin/tini", "--"]']);
    expect(keyword('runtime', 'RUN').join(' ')).toMatch(/apt-get install .*\btini\b/);
  });

  it('runs a built service entry by default, and every service entry the deploy files name is built', () => {
    const [cmd] = keyword('runtime', 'CMD');
    expect(JSON.parse(cmd)).toEqual(serviceCommand('session-cycle'));
    for (const command of [...SERVICE_NAMES.map(serviceCommand), ENTRY_COMMAND]) expect(existsSync(path.join(repoRoot(), command[1])), command[1]).toBe(true);
  });

  it('carries the web app\'s built files where the entry point serves them (apps/web/dist, from npm run build)', () => {
    expect(ENTRY_POINT_SETTINGS.find((setting) => setting.name === 'WEB_DIR')?.default).toBe('apps/web/dist');
    expect(existsSync(path.join(repoRoot(), 'apps', 'web', 'dist', 'index.html'))).toBe(true);
    expect(keyword('runtime', 'COPY')).toContain('--from=build /src/apps/web/dist ./apps/web/dist');
    expect(keyword('runtime', 'WORKDIR')).toEqual(['/app']);
  });

  it('each service needs only production dependencies at run time (what it requires from its entry on)', () => {
    for (const service of [...SERVICE_NAMES, 'entry-point']) {
      const entry = service === 'entry-point' ? ENTRY_COMMAND[1] : serviceCommand(service as (typeof SERVICE_NAMES)[number])[1];
      const imports = [...runtimeImportsOf(path.join(repoRoot(), entry))];
      expect(imports.length).toBeGreaterThan(3);
      expect({ service, notProduction: imports.filter((name) => !(name in packageJson.dependencies)) }).toEqual({ service, notProduction: [] });
    }
  });
});

describe('.dockerignore', () => {
  const sent = buildContextFilter();

  it('keeps secrets, env files, local state and host builds out of the build context', () => {
    for (const file of [...SECRET_LOOKING_FILES, '.env.example', '.git/', 'node_modules/', 'dist/', '.data/pg/PG_VERSION', 'apps/web/node_modules/', 'config/local.env']) {
      expect({ file, sent: sent(file) }).toEqual({ file, sent: false });
    }
  });

  it('sends every file the Dockerfile copies from the context', () => {
    const tracked = gitTrackedFiles();
    const copied = stages
      .flatMap((candidate) => candidate.instructions.filter((instruction) => instruction.getKeyword() === 'COPY').map(argumentsOf))
      .filter((copy) => !copy.startsWith('--from='))
      .flatMap((copy) => copy.split(' ').slice(0, -1));
    expect(copied.length).toBeGreaterThan(5);
    for (const source of copied) {
      const files = tracked.filter((file) => file === source || file.startsWith(`${source}/`));
      expect({ source, tracked: files.length > 0 }).toEqual({ source, tracked: true });
      const sentFiles = files.filter((file) => sent(file) && !file.endsWith('.spec.ts'));
      expect({ source, sent: sentFiles.length > 0 }).toEqual({ source, sent: true });
    }
  });
});
