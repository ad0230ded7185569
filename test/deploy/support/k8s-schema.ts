import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../support/repo-root';
import type { K8sObject } from './kustomize';

/** The kubernetes-models module of a kind (`apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment`). */
export const modelModule = (object: Pick<K8sObject, 'apiVersion' | 'kind'>) => `kubernetes-models/${object.apiVersion}/${object.kind}`;

/** Schema errors per object (kubernetes-models validates against the Kubernetes OpenAPI schema of the kind). */
export async function schemaErrors(objects: K8sObject[]): Promise<string[]> {
  const errors: string[] = [];
  for (const object of objects) {
    const module = (await import(modelModule(object))) as Record<string, new (data: unknown) => { validate(): void }>;
    const Model = module[object.kind];
    if (!Model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
    }
  }
  return errors;
}

/**
 * Fields the Kubernetes API does not know, found by the TypeScript compiler: each object becomes an object literal
 * typed as its kind's interface (kubernetes-models' declarations), and excess-property checks reject any field the
 * type lacks at any depth. The schema validation above ignores unknown fields, as the API server would silently
 * drop them (or refuse them with --validate=strict).
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const file = path.join(repoRoot(), 'test', 'deploy', '__rendered-objects__.ts');
  const lines = objects.flatMap((object, index) => [
    `import type { I${object.kind} as T${index} } from '${modelModule(object)}';`,
    `export const o${index}: T${index} = ${JSON.stringify(object)};`,
  ]);
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file?.fileName !== file || diagnostic.start === undefined) return message;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const object = objects[Math.floor(line / 2)];
    return `${object.kind}/${object.metadata.name}: ${message}`;
  });
}
