import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const apps = readdirSync(path.join(root, 'apps')).filter((name) => statSync(path.join(root, 'apps', name)).isDirectory());

function sourceFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((match) => match[1] ?? match[2] ?? match[3]);
}

function resolvesInto(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.relative(root, path.resolve(path.dirname(file), specifier));
}

describe('architecture boundaries', () => {
  it.each(apps)('app %s never imports another app', (app) => {
    const offending = sourceFiles(path.join(root, 'apps', app)).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          const target = resolvesInto(file, specifier);
          const crossesByPath = target !== undefined && target.startsWith('apps/') && !target.startsWith(`apps/${app}/`);
          const crossesByName = apps.some((other) => other !== app && new RegExp(`(^|/)apps/${other}(/|$)`).test(specifier));
          return crossesByPath || crossesByName;
        })
        .map((specifier) => `${path.relative(root, file)} -> ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('domain code imports no Nest, TypeORM, HTTP or infrastructure', () => {
    const forbidden = /^(@nestjs\/|typeorm|pg$|ioredis|express|socket\.io|@choice-sherpa\/platform)|\/(infrastructure|interface|application)\//;
    const domainFiles = apps.flatMap((app) => sourceFiles(path.join(root, 'apps', app, 'src'))).filter((file) => file.includes(`${path.sep}domain${path.sep}`));
    const offending = domainFiles.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => forbidden.test(specifier))
        .map((specifier) => `${path.relative(root, file)} -> ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('libraries never import app code', () => {
    const offending = sourceFiles(path.join(root, 'libs')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => (resolvesInto(file, specifier) ?? specifier).startsWith('apps/'))
        .map((specifier) => `${path.relative(root, file)} -> ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('the shared output schemas (@choice-sherpa/events/outputs) pull in no package, so domain code may import them', () => {
    const outputs = path.join(root, 'libs', 'events', 'src', 'outputs');
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) offending.push(`${path.relative(root, file)} -> ${specifier}`);
        else visit(`${path.resolve(path.dirname(file), specifier)}.ts`.replace(/\/index\.ts\.ts$/, '/index.ts'));
      }
    };
    sourceFiles(outputs).filter((file) => !file.endsWith('.spec.ts')).forEach(visit);
    expect(seen.size).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  it('the checks see real imports (a guard against a scanner that finds nothing)', () => {
    const sample = path.join(root, 'test', 'architecture', 'boundaries.spec.ts');
    expect(importsOf(sample)).toEqual(expect.arrayContaining(['node:fs', 'node:path']));
  });
});
