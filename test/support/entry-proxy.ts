import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { entryRouteFor } from '@choice-sherpa/platform/http/entry-routes';
import type { TestStack } from './test-stack';
import type { Service } from './services';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * The one origin of API.md ("One entry point") in front of a TestStack, for tests of the client and the web app:
 * routes by ENTRY_ROUTES (HTTP and WebSocket upgrades) and serves the web app's built files at `/`, unknown paths
 * answered with index.html (client-side routes). A test stand-in for the real entry point, not a copy of it.
 */
export class EntryProxy {
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** `port`: listen there (so the stack's ALLOWED_ORIGINS can name this origin before it starts); default a free one. */
  static async start(stack: TestStack, options: { port?: number; webRoot?: string } = {}): Promise<EntryProxy> {
    const { webRoot } = options;
    const server = http.createServer((request, response) => {
      const route = entryRouteFor(new URL(request.url ?? '/', 'http://entry').pathname);
      if (route.target === 'web') return serveStatic(webRoot, request, response);
      const target = targetOf(stack, route.target as Service);
      if (!target) return void response.writeHead(502).end();
      const upstream = http.request(
        { host: '127.0.0.1', port: target, path: request.url, method: request.method, headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      request.pipe(upstream);
    });
    server.on('upgrade', (request, socket, head) => {
      const route = entryRouteFor(new URL(request.url ?? '/', 'http://entry').pathname);
      const target = route.websocket ? targetOf(stack, route.target as Service) : undefined;
      if (!target) return socket.destroy();
      const upstream = net.connect(target, '127.0.0.1', () => {
        const headers = Object.entries(request.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : [`${name}: ${value}`]));
        upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      const close = () => {
        upstream.destroy();
        socket.destroy();
      };
      upstream.on('error', close);
      socket.on('error', close);
      upstream.on('close', close);
      socket.on('close', close);
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return new EntryProxy(server, `http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The port of a running service; undefined while it is down (a restart test), so the request fails like a dead backend. */
function targetOf(stack: TestStack, service: Service): number | undefined {
  try {
    const process = stack.service(service);
    return process.running ? process.port : undefined;
  } catch {
    return undefined;
  }
}

function serveStatic(root: string | undefined, request: http.IncomingMessage, response: http.ServerResponse): void {
  if (!root) return void response.writeHead(404).end();
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://entry').pathname);
  const candidate = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
  const file = candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile() ? candidate : path.join(root, 'index.html');
  response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(response);
}
