import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { correlationIdMiddleware } from '../correlation/correlation-id.middleware';
import { waitFor } from '../testing/wait-for';
import { accessLogMiddleware } from './access-log';
import { createLogger } from '../logging/logger';

type Handler = (req: IncomingMessage & Record<string, unknown>, res: ServerResponse) => void;

/** A server with the platform's first two middlewares and a handler standing in for a routed, authenticated route. */
function serverWith(lines: string[], handler: Handler): Server {
  const logger = createLogger('access-test', 'debug', { write: (line: string) => void lines.push(line) });
  const accessLog = accessLogMiddleware(logger);
  return createServer((req, res) => correlationIdMiddleware(req, res, () => accessLog(req, res, () => handler(req as IncomingMessage & Record<string, unknown>, res))));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('access log', () => {
  const lines: string[] = [];
  let server: Server;
  let url: string;
  let hanging = 0;

  beforeAll(async () => {
    server = serverWith(lines, (req, res) => {
      req.route = { path: req.url?.startsWith('/api/sessions/') ? '/api/sessions/:id' : undefined };
      req.user = { userId: req.url?.includes('as-email') ? 'alice@example.com' : 'user-42', roles: [] };
      req.resume();
      if (req.url?.includes('hang')) return void hanging++; // never answered: the client gives up
      req.on('end', () => {
        res.statusCode = req.url?.includes('fail') ? 503 : 201;
        res.end('{"title":"Secret merger plans"}');
      });
    });
    url = await listen(server);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('logs one line per request: request id, method, route pattern, status, duration and user id', async () => {
    lines.length = 0;
    const correlationId = '0190a8c4-7d2e-7b6a-9c1d-3e4f5a6b7c8d';
    const response = await fetch(`${url}/api/sessions/0190a8c4-0000-7000-8000-000000000001?note=Secret+merger+plans`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig', 'content-type': 'application/json', 'x-correlation-id': correlationId, cookie: 'sid=cookie-value' },
      body: JSON.stringify({ title: 'Secret merger plans', email: 'alice@example.com' }),
    });
    expect(response.status).toBe(201);
    await waitFor(() => lines.length === 1, { timeoutMs: 2_000, what: 'the access log line' });
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', service: 'access-test', msg: 'request completed', request_id: correlationId, method: 'PATCH', route: '/api/sessions/:id', status: 201, user_id: 'user-42' });
    expect(typeof entry.duration_ms).toBe('number');
    expect(Object.keys(entry).sort()).toEqual(['duration_ms', 'level', 'method', 'msg', 'request_id', 'route', 'service', 'status', 'time', 'user_id']);
    for (const secret of ['eyJ', 'Bearer', 'Secret', 'merger', 'alice@', 'cookie-value', 'note=', '0190a8c4-0000']) expect(lines[0]).not.toContain(secret);
  });

  it('leaves out a user id that is an email address', async () => {
    lines.length = 0;
    await (await fetch(`${url}/api/sessions/as-email`)).text();
    await waitFor(() => lines.length === 1, { timeoutMs: 2_000, what: 'the access log line' });
    expect(JSON.parse(lines[0])).toMatchObject({ route: '/api/sessions/:id', status: 201 });
    expect(lines[0]).not.toContain('alice');
    expect(lines[0]).not.toContain('user_id');
  });

  it('names an unmatched path `unmatched`, never the path, and logs a 5xx as an error', async () => {
    lines.length = 0;
    await (await fetch(`${url}/fail/Secret-merger-plans?q=alice@example.com`)).text();
    await waitFor(() => lines.length === 1, { timeoutMs: 2_000, what: 'the access log line' });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', route: 'unmatched', status: 503, msg: 'request failed' });
    expect(lines[0]).not.toMatch(/Secret|alice|fail\//);
  });

  it('logs a request the client abandoned before the answer as aborted', async () => {
    lines.length = 0;
    const client = new AbortController();
    const request = fetch(`${url}/api/sessions/hang`, { signal: client.signal }).catch(() => undefined);
    await waitFor(() => hanging === 1, { timeoutMs: 2_000, what: 'the request at the handler' });
    client.abort();
    await request;
    await waitFor(() => lines.length === 1, { timeoutMs: 2_000, what: 'the access log line' });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', msg: 'request aborted', route: '/api/sessions/:id', status: 200 });
  });
});
