#!/usr/bin/env node
// Container health check (the images have no curl): exits 0 when http://127.0.0.1:$PORT<path> answers 2xx within
// the timeout, 1 otherwise. Used by docker-compose.yml; Kubernetes probes the same paths itself.
//   node scripts/healthcheck.mjs [path]        (default /health/ready; PORT from the environment)
const path = process.argv[2] ?? '/health/ready';
const port = Number(process.env.PORT);
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3_000);

if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  process.stderr.write(`healthcheck: PORT must be set to the service port (got "${process.env.PORT ?? ''}")\n`);
  process.exit(1);
}

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (response.ok) process.exit(0);
  process.stderr.write(`healthcheck: ${path} answered ${response.status}\n`);
} catch (error) {
  process.stderr.write(`healthcheck: ${path} unreachable (${error instanceof Error ? error.message : String(error)})\n`);
}
process.exit(1);
