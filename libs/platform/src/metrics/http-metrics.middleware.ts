import type { IncomingMessage, ServerResponse } from 'node:http';
import { routePattern } from '../request/route-pattern';
import { httpDuration, httpRequests } from './default-metrics';

/** Counts every response with its route pattern; unmatched paths are one label, `unmatched`. */
export function httpMetricsMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const route = routePattern(req);
    const method = req.method ?? 'UNKNOWN';
    httpRequests.inc({ method, route, status: String(res.statusCode) });
    httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}
