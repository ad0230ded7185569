import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../support/repo-root';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export type Overlay = 'dev' | 'prod';

function onPath(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize` (kubectl embeds kustomize) or a standalone `kustomize build`; .ci/run installs kubectl. */
export function kustomizeCommand(): [string, string[]] {
  if (onPath('kubectl', ['kustomize', '--help'])) return ['kubectl', ['kustomize']];
  if (onPath('kustomize', ['version'])) return ['kustomize', ['build']];
  throw new Error('neither kubectl nor kustomize is on PATH: install kubectl (.ci/run does) to render deploy/k8s');
}

/**
 * Renders an overlay as `kubectl apply -k` would, from a scratch copy of deploy/k8s. The dev overlay's Secrets are
 * generated there by scripts/k8s-dev-secrets.mjs, as the README tells a user to.
 */
export function renderOverlay(overlay: Overlay): K8sObject[] {
  const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-render-'));
  try {
    cpSync(path.join(repoRoot(), 'deploy', 'k8s'), scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}secrets${path.sep}`) });
    if (overlay === 'dev') {
      execFileSync(process.execPath, [path.join(repoRoot(), 'scripts', 'k8s-dev-secrets.mjs'), '--dir', path.join(scratch, 'overlays', 'dev', 'secrets')], { stdio: 'ignore' });
    }
    const [command, args] = kustomizeCommand();
    const output = execFileSync(command, [...args, path.join(scratch, 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return parseAllDocuments(output).map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as K8sObject;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const ofKind = <T = K8sObject>(objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind) as unknown as T[];
