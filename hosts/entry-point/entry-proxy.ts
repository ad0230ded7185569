import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import httpProxy from 'http-proxy';
import sirv from 'sirv';
import { ENTRY_ROUTES, entryRouteFor, EntryRoute } from '@choice-sherpa/platform/http/entry-routes';
import type { ServiceName } from '@choice-sherpa/platform/config/service-name';
import type { PlatformLogger } from '@choice-sherpa/platform/logging/logger';
import { sendApiIndex, sendError, sendJson } from './entry-responses';

export interface EntryPointOptions {
  /** Base URL of each service, e.g. `http://127.0.0.1:3001`. */
  upstreams: Readonly<Record<ServiceName, string>>;
  /** The web app's built files (index.html and assets); without them `/` is a page saying where the APIs are. */
  webDir?: string;
  /** Mentioned on that page: POST /api/dev/token works. */
  devLogin: boolean;
  logger: PlatformLogger;
  routes?: readonly EntryRoute[];
}

/**
 * The one entry point (API.md "One entry point"): routes by path prefix from ENTRY_ROUTES to the services, WebSocket
 * upgrades included, `/` to the web app. An unmatched `/api/*` path is the JSON 404 of the API, never the web page.
 * It also answers `/health/live` and `/health/ready` (every service behind it ready) for probes.
 */
export function createEntryServer(options: EntryPointOptions): Server {
  const routes = options.routes ?? ENTRY_ROUTES;
  const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true, proxyTimeout: 120_000 });
  proxy.on('error', (error, req, target) => {
    options.logger.warn({ route: routeLabel(req, routes), error: (error as NodeJS.ErrnoException).code ?? error.message }, 'upstream unavailable');
    if (target instanceof ServerResponse) sendError(target, 503, 'UNAVAILABLE', 'the service behind this route is unavailable; retry shortly', { 'retry-after': '2' });
    else (target as Duplex).destroy();
  });
  const web = webHandler(options.webDir);

  const server = createServer((req, res) => {
    const pathname = pathOf(req);
    if (pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/health/ready') return void ready(options.upstreams).then((report) => sendJson(res, report.ready ? 200 : 503, report));
    const route = entryRouteFor(pathname, routes);
    if (route.target !== 'web') return proxy.web(req, res, { target: options.upstreams[route.target] });
    if (pathname === '/api' || pathname.startsWith('/api/')) return sendError(res, 404, 'NOT_FOUND', 'route not found');
    if (web) return web(req, res, () => sendError(res, 404, 'NOT_FOUND', 'not found'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 404, 'NOT_FOUND', 'route not found');
    sendApiIndex(res, options.devLogin);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const route = entryRouteFor(pathOf(req), routes);
    if (route.target === 'web' || !route.websocket) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    proxy.ws(req, socket, head, { target: options.upstreams[route.target] });
  });
  server.on('close', () => proxy.close());
  return server;
}

function webHandler(webDir: string | undefined): ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined {
  if (!webDir || !existsSync(path.join(webDir, 'index.html'))) return undefined;
  // `single`: paths without a file are the web app's own routes (index.html); assets are immutable, index.html is not.
  return sirv(webDir, { single: true, etag: true, gzip: true, brotli: true, setHeaders: (res, pathname) => {
    res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  } });
}

async function ready(upstreams: Readonly<Record<ServiceName, string>>): Promise<{ ready: boolean; services: Record<string, string> }> {
  const entries = await Promise.all(
    Object.entries(upstreams).map(async ([service, url]) => {
      try {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) });
        return [service, response.ok ? 'ready' : 'not ready'] as const;
      } catch {
        return [service, 'unreachable'] as const;
      }
    }),
  );
  return { ready: entries.every(([, state]) => state === 'ready'), services: Object.fromEntries(entries) };
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** The matched prefix only: paths carry ids and query strings carry tokens (unsubscribe links). */
function routeLabel(req: IncomingMessage, routes: readonly EntryRoute[]): string {
  return entryRouteFor(pathOf(req), routes).prefix;
}
