import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ServiceName } from '../config/service-name';
import type { ApiError } from '../errors/api-error';
import { ErrorResponse } from './error-response';
import { openApiPaths } from './openapi-paths';
import { operationId, RouteFacts, routeFactsOf } from './route-errors';

const BEARER = 'A JWT in `Authorization: Bearer <token>`; `sub` is the user id (`npm run token -- <user_id>` locally).';
const ADMIN = 'A bearer JWT whose `roles` claim includes `admin` (`npm run token -- <user_id> --admin` locally).';

/** The service's OpenAPI 3.1 document: its routes, their schemas and examples, and each route's security and errors. */
export function buildOpenApiDocument(app: INestApplication, service: ServiceName): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(`Choice Sherpa ${service}`)
    .setDescription('snake_case JSON; errors are `{"error": {"code", "message", "details"}}` (API.md "Errors").')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: BEARER }, 'bearer')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: ADMIN }, 'admin')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse], operationIdFactory: operationId });
  describeRoutes(document, routeFactsOf(app));
  return document;
}

/**
 * Serves the document (JSON) and the UI at openApiPaths(service): `/api/docs(.json)` and the entry point's paths.
 * The document is built on the first request for it, once (scanning every route costs startup time, six times over
 * in `npm start`, for a document most runs never ask for).
 */
export function setupOpenApi(app: INestApplication, service: ServiceName): void {
  let built: OpenAPIObject | undefined;
  const document = () => (built ??= buildOpenApiDocument(app, service));
  const paths = openApiPaths(service);
  const express = app as NestExpressApplication;
  const options = { raw: ['json'] as Array<'json'>, customSiteTitle: `Choice Sherpa ${service} API` };
  SwaggerModule.setup(paths.ui, express, document, { ...options, jsonDocumentUrl: paths.document });
  SwaggerModule.setup(paths.entryUi, express, document, { ...options, jsonDocumentUrl: paths.entryDocument });
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function describeRoutes(document: OpenAPIObject, facts: Map<string, RouteFacts>): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      const route = operation?.operationId ? facts.get(operation.operationId) : undefined;
      if (!operation || !route) continue;
      operation.security = route.security.map((name) => ({ [name]: [] }));
      if (takesNoBody(document, operation)) operation.requestBody = { ...operation.requestBody, required: false } as Operation['requestBody'];
      for (const [status, errors] of groupByStatus(route.errors)) operation.responses[status] = errorResponse(errors);
    }
  }
}

/** A body class without documented fields (the `EmptyBody` of a route that takes none): the body is optional. */
function takesNoBody(document: OpenAPIObject, operation: Operation): boolean {
  const ref = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content?.['application/json']?.schema?.$ref;
  const schema = ref ? (document.components?.schemas?.[ref.split('/').pop()!] as { properties?: object } | undefined) : undefined;
  return schema !== undefined && Object.keys(schema.properties ?? {}).length === 0;
}

function groupByStatus(errors: ApiError[]): Map<string, ApiError[]> {
  const groups = new Map<string, ApiError[]>();
  for (const error of errors) {
    const status = String(error.getStatus());
    const group = groups.get(status) ?? [];
    // One example per code: a route's own error of a code replaces the platform's generic one.
    groups.set(status, [...group.filter((other) => other.code !== error.code), error]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function errorResponse(errors: ApiError[]): Operation['responses'][string] {
  const codes = [...new Set(errors.map((error) => error.code))];
  const examples = Object.fromEntries(errors.map((error) => [error.code, { summary: error.message, value: error.toBody() }]));
  return {
    description: codes.join(', '),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' }, examples } },
  };
}
