import type { OpenAPIObject } from '@nestjs/swagger';
import { apiMdRoutes, checkExamples, documentOf, documentRoutes, propertiesWithoutExample, readApiMd, SERVICE_DEFINITIONS } from './openapi-support';

/**
 * The OpenAPI documents the services serve at /api/docs.json (README "API documents"): together they describe every
 * route of API.md, every example in them is valid against its schema, and each route states its security and errors.
 */
describe('OpenAPI documents', () => {
  const documents = new Map<string, OpenAPIObject>();

  beforeAll(async () => {
    for (const definition of SERVICE_DEFINITIONS) documents.set(definition.name, await documentOf(definition));
  }, 60_000);

  it('describe every route of API.md (method and path) in some service document', () => {
    const described = new Set([...documents.values()].flatMap(documentRoutes));
    const routes = apiMdRoutes(readApiMd());
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !described.has(route))).toEqual([]);
  });

  it('have only examples that validate against their schemas', () => {
    for (const [service, document] of documents) {
      const checks = checkExamples(document);
      expect({ service, checked: checks.length > 10 }).toEqual({ service, checked: true });
      expect({ service, invalid: checks.filter((check) => check.errors.length > 0) }).toEqual({ service, invalid: [] });
    }
  });

  it('give every property of a request or response class an example', () => {
    for (const [service, document] of documents) expect({ service, missing: propertiesWithoutExample(document) }).toEqual({ service, missing: [] });
  });

  it('declare every path parameter and describe every success answer with a schema (204: none)', () => {
    for (const [service, document] of documents) {
      for (const [route, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const where = `${service} ${method.toUpperCase()} ${route}`;
          const inPath = [...route.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
          const declared = ((operation.parameters ?? []) as { name: string; in: string }[]).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name).sort();
          expect({ where, declared }).toEqual({ where, declared: inPath });
          const success = Object.entries(operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>).filter(([status]) => status.startsWith('2'));
          expect({ where, success: success.length }).toEqual({ where, success: 1 });
          const [status, answer] = success[0];
          const schemas = Object.values(answer.content ?? {}).map((media) => media.schema);
          expect({ where, described: status === '204' ? schemas.length === 0 : schemas.length > 0 && schemas.every(Boolean) }).toEqual({ where, described: true });
        }
      }
    }
  });

  it('state each route security (bearer, admin, or none) and the error shape of every 4xx it answers', () => {
    for (const [service, document] of documents) {
      for (const [route, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const where = `${service} ${method.toUpperCase()} ${route}`;
          const security = (operation.security as Record<string, string[]>[]).map((requirement) => Object.keys(requirement)[0]);
          const expected = route.startsWith('/admin') ? ['admin'] : route.startsWith('/health') || route === '/metrics' || route === '/api/dev/token' || route.startsWith('/api/notifications/unsubscribe') ? [] : ['bearer'];
          expect({ where, security }).toEqual({ where, security: expected });
          const errors = Object.keys(operation.responses).filter((status) => status.startsWith('4'));
          expect({ where, errors: errors.filter((status) => ['400', '413', '415'].includes(status)) }).toEqual({ where, errors: ['400', '413', '415'] });
          if (expected.length > 0) expect({ where, unauthorized: errors.includes('401') }).toEqual({ where, unauthorized: true });
          if (expected[0] === 'admin') expect({ where, forbidden: errors.includes('403') }).toEqual({ where, forbidden: true });
          for (const status of errors) expect(operation.responses[status].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
        }
      }
    }
  });
});
