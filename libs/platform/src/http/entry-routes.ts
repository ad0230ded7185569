import type { ServiceName } from '../config/service-name';
import { openApiPaths } from '../openapi/openapi-paths';

/** Where the one entry point (npm start's port 3000, the stack's entry, the compose proxy, the Ingress) sends a path. */
export interface EntryRoute {
  /** Path prefix; a request matches when its path equals it or continues with `/` or `?`. */
  prefix: string;
  /** The service behind it, or `web` for the web app's static files. */
  target: ServiceName | 'web';
  /** Also carries WebSocket upgrades. */
  websocket?: boolean;
}

/** Services whose OpenAPI documents the entry point serves (analysis-worker has no route there, nor a k8s Service). */
const DOCUMENTED_SERVICES: readonly ServiceName[] = ['session-cycle', 'conversation', 'dashboard-projector', 'notifier', 'ws-gateway'];

/**
 * API.md "One entry point", the single source of truth: the entry point routes by it, and the compose proxy's and
 * the Ingress's routes are checked against it. Longest prefix wins; `/` (the web app) is the fallback.
 */
export const ENTRY_ROUTES: readonly EntryRoute[] = [
  { prefix: '/api/sessions', target: 'session-cycle' },
  { prefix: '/api/cycles', target: 'session-cycle' },
  { prefix: '/api/memberships', target: 'session-cycle' },
  { prefix: '/api/dev', target: 'session-cycle' },
  { prefix: '/api/conversations', target: 'conversation' },
  { prefix: '/api/dashboard', target: 'dashboard-projector' },
  { prefix: '/api/notifications', target: 'notifier' },
  { prefix: '/socket.io', target: 'ws-gateway', websocket: true },
  // Each service's OpenAPI UI and document: /api/docs/<service> and /api/docs/<service>/openapi.json.
  ...DOCUMENTED_SERVICES.map((target) => ({ prefix: openApiPaths(target).entryUi, target })),
  { prefix: '/', target: 'web' },
];

/** The route a request path takes (longest matching prefix). */
export function entryRouteFor(path: string, routes: readonly EntryRoute[] = ENTRY_ROUTES): EntryRoute {
  let best: EntryRoute | undefined;
  for (const route of routes) {
    const matches = route.prefix === '/' || path === route.prefix || path.startsWith(`${route.prefix}/`) || path.startsWith(`${route.prefix}?`);
    if (matches && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  if (!best) throw new Error('ENTRY_ROUTES has no fallback route for /');
  return best;
}
