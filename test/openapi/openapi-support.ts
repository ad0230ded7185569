import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument, ServiceDefinition } from '@choice-sherpa/platform';
import { SERVICE as analysisWorker } from '../../apps/analysis-worker/src/analysis-worker.service';
import { SERVICE as conversation } from '../../apps/conversation/src/conversation.service';
import { SERVICE as dashboardProjector } from '../../apps/dashboard-projector/src/dashboard-projector.service';
import { SERVICE as notifier } from '../../apps/notifier/src/notifier.service';
import { SERVICE as sessionCycle } from '../../apps/session-cycle/src/session-cycle.service';
import { SERVICE as wsGateway } from '../../apps/ws-gateway/src/ws-gateway.service';
import { repoRoot } from '../support/repo-root';

/** API.md, in `shared/` beside the project (shared/README.md): the nearest one above the repository. */
export function readApiMd(): string {
  for (let dir = path.dirname(repoRoot()); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'shared', 'API.md');
    if (existsSync(file)) return readFileSync(file, 'utf8');
    if (path.dirname(dir) === dir) throw new Error(`no shared/API.md above ${repoRoot()} (shared/ lives beside the project)`);
  }
}

/** Every `METHOD /path` API.md names (tables and text), as OpenAPI paths: `:id` becomes `{id}`, no query. */
export function apiMdRoutes(markdown: string): string[] {
  const routes = [...markdown.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/[^\s`|?]*)/g)].map(([, method, route]) => `${method} ${route.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

/** The six services' definitions, as main.ts and the all-in-one host start them. */
export const SERVICE_DEFINITIONS: readonly ServiceDefinition[] = [sessionCycle, conversation, dashboardProjector, wsGateway, analysisWorker, notifier];

/** The document a service serves at /api/docs.json, built from its module in Nest's preview mode (no database). */
export async function documentOf(definition: ServiceDefinition): Promise<OpenAPIObject> {
  const app: INestApplication = await NestFactory.create(definition.module, { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app, definition.name);
  } finally {
    await app.close();
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `METHOD /path` of every operation of a document. */
export function documentRoutes(document: OpenAPIObject): string[] {
  return Object.entries(document.paths).flatMap(([route, item]) => METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${route}`));
}

export interface ExampleCheck {
  where: string;
  errors: string[];
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const SCHEMA_KEYS = ['type', '$ref', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', 'enum'];

/** OpenAPI 3.1 schemas are JSON Schema 2020-12; `#/components/...` references point into the document. */
function validator(document: OpenAPIObject): (schema: unknown, value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator', 'components']);
  ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
  const rooted = (schema: unknown): unknown =>
    Array.isArray(schema) ? schema.map(rooted) : isNode(schema) ? Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : rooted(value)])) : schema;
  return (schema, value) => {
    const validate = ajv.compile(rooted(schema) as object);
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}

/**
 * Every example of a document against its schema: property and schema examples, parameter and media-type examples
 * (`example` and `examples.*.value`), wherever they are.
 */
export function checkExamples(document: OpenAPIObject): ExampleCheck[] {
  const validate = validator(document);
  const checks: ExampleCheck[] = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${where}/${index}`));
    if (!isNode(node)) return;
    if (isNode(node.schema)) {
      if (node.example !== undefined) checks.push({ where: `${where}/example`, errors: validate(node.schema, node.example) });
      if (isNode(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) checks.push({ where: `${where}/examples/${name}`, errors: validate(node.schema, (example as Node).value) });
      }
    } else if (node.example !== undefined && SCHEMA_KEYS.some((key) => key in node)) {
      const { example, ...schema } = node;
      checks.push({ where: `${where}/example`, errors: validate(schema, example) });
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'example' && key !== 'examples') visit(value, `${where}/${key}`);
  };
  visit(document, '#');
  return checks;
}

/** Properties of the document's component schemas that carry no example (a nested class's $ref counts as one). */
export function propertiesWithoutExample(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    for (const [property, value] of Object.entries((schema as Node).properties ?? {})) {
      const described = value as Node;
      const nested = (node: Node): boolean =>
        '$ref' in node || ['allOf', 'anyOf', 'oneOf'].some((key) => Array.isArray(node[key]) && (node[key] as unknown[]).some((part) => isNode(part) && nested(part))) || (isNode(node.items) && nested(node.items));
      if (described.example === undefined && !nested(described)) missing.push(`${name}.${property}`);
    }
  }
  return missing;
}
