import type { IncomingMessage } from 'node:http';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/**
 * The route pattern a request matched (e.g. `/api/sessions/:id`), known once routing ran; `unmatched` otherwise. Never
 * the path itself: ids and free text in a path or query string stay out of metric labels and logs.
 */
export function routePattern(req: IncomingMessage): string {
  const routed = req as RoutedRequest;
  const path = routed.route?.path ? `${routed.baseUrl ?? ''}${routed.route.path}` : undefined;
  // Wildcards only match through catch-all middleware and the not-found handler: no real route was hit.
  return path && !path.includes('*') ? path : 'unmatched';
}
