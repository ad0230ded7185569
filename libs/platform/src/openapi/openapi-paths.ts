import type { ServiceName } from '../config/service-name';

/**
 * Where a service serves its OpenAPI UI and document: `/api/docs` and `/api/docs.json` on its own port, and the same
 * under `/api/docs/<service>`, the prefix the entry point routes to it (ENTRY_ROUTES).
 */
export function openApiPaths(service: ServiceName) {
  return {
    ui: '/api/docs',
    document: '/api/docs.json',
    entryUi: `/api/docs/${service}`,
    entryDocument: `/api/docs/${service}/openapi.json`,
  };
}
