import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpDuration, httpRequests } from './default-metrics';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/** Counts every response with its route pattern; unmatched paths are one label, `unmatched`. */
export function httpMetricsMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const routed = req as RoutedRequest;
    const path = routed.route?.path ? `${routed.baseUrl ?? ''}${routed.route.path}` : undefined;
    // Wildcards only match through catch-all middleware and the not-found handler: no real route was hit.
    const route = path && !path.includes('*') ? path : 'unmatched';
    const method = req.method ?? 'UNKNOWN';
    httpRequests.inc({ method, route, status: String(res.statusCode) });
    httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}
