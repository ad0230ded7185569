import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

let collecting = false;

/** Process metrics (CPU, memory, event loop lag, GC) on the default register, once per process. */
export function ensureDefaultMetrics(): void {
  if (collecting || register.getSingleMetric('process_cpu_user_seconds_total')) {
    collecting = true;
    return;
  }
  collectDefaultMetrics();
  collecting = true;
}

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Route labels are the route pattern (`/api/sessions/:id`), never the raw path, so ids do not explode cardinality. */
export const httpRequests = once('http_requests_total', () =>
  new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'] }),
);

export const httpDuration = once('http_request_duration_seconds', () =>
  new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
);
