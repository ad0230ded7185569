import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { repoRoot } from '../../support/repo-root';

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export const DOCKERFILE = path.join(repoRoot(), 'Dockerfile');

/** The Dockerfile's stages in order, with the FROM image after ARG defaults are substituted. */
export function dockerfileStages(text = readFileSync(DOCKERFILE, 'utf8')): Stage[] {
  const dockerfile = DockerfileParser.parse(text);
  const args = Object.fromEntries(
    dockerfile.getInitialARGs().flatMap((instruction) => {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(instruction.getArgumentsContent() ?? '');
      return instruction.getKeyword() === 'ARG' && match ? [[match[1], match[2]]] : [];
    }),
  );
  const froms = dockerfile.getFROMs();
  return froms.map((from, index): Stage => {
    const start = from.getRange().start.line;
    const end = index + 1 < froms.length ? froms[index + 1].getRange().start.line : Infinity;
    return {
      name: from.getBuildStage() ?? '',
      from: (from.getImage() ?? '').replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? ''),
      instructions: dockerfile.getInstructions().filter((instruction) => {
        const line = instruction.getRange().start.line;
        return line > start && line < end;
      }),
    };
  });
}

/** An instruction's text after its keyword, flags included (`--from=build ...`), line continuations joined. */
export const argumentsOf = (instruction: Instruction) =>
  instruction.getTextContent().replace(/\\\n\s*/g, ' ').replace(/^\S+\s+/, '').replace(/\s+/g, ' ').trim();

/** Which paths `docker build .` sends (what .dockerignore lets through), by Docker's own matching rules. */
export function buildContextFilter(): (file: string) => boolean {
  const rules = readFileSync(path.join(repoRoot(), '.dockerignore'), 'utf8');
  const ignore = dockerignore({ ignorecase: false }).add(rules);
  return (file) => !ignore.ignores(file.replace(/\/$/, ''));
}

/** Files a developer may have lying around that must never reach an image. */
export const SECRET_LOOKING_FILES = ['.env', '.env.local', 'config/production.env', 'apps/conversation/.env', 'deploy/k8s/overlays/dev/secrets/auth.env'];

/** Bare module names required by the compiled files reachable from `entry` (relative requires followed). */
export function runtimeImportsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
      if (specifier.startsWith('.')) {
        const base = path.resolve(path.dirname(file), specifier);
        const target = [base, `${base}.js`, path.join(base, 'index.js')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
        if (!target) throw new Error(`${path.relative(repoRoot(), file)} requires ${specifier}, which the build did not emit`);
        visit(target);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0])) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
  };
  visit(entry);
  return packages;
}

export function gitTrackedFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: repoRoot(), encoding: 'utf8' }).split('\n').filter(Boolean);
}
