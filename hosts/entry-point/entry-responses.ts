import type { ServerResponse } from 'node:http';

/** The API error shape (API.md), for what the entry point answers itself. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ error: { code, message, details: [] } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** `/` until the web app is built: where the APIs are and how to sign in. */
export function sendApiIndex(res: ServerResponse, devLogin: boolean): void {
  const signIn = devLogin
    ? `<p>Sign in for development: <code>curl -s -X POST /api/dev/token -H 'content-type: application/json' -d '{"user_id": "alice"}'</code>
       (or <code>npm run token -- alice</code>), then send <code>Authorization: Bearer &lt;token&gt;</code>.</p>`
    : '<p>Send <code>Authorization: Bearer &lt;token&gt;</code> with a token of your issuer.</p>';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Choice Sherpa API</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>Choice Sherpa is running</h1>
<p>The web app is not built here yet (<code>apps/web</code>); the APIs are on this origin:</p>
<ul>
<li><code>/api/sessions</code>, <code>/api/cycles</code>, <code>/api/memberships</code>: sessions, cycles, components, memberships</li>
<li><code>/api/conversations</code>: the facilitated conversation of each component</li>
<li><code>/api/dashboard</code>: the read models</li>
<li><code>/api/notifications</code>: notification preferences</li>
<li><code>/socket.io</code>: live updates (Socket.IO namespace <code>/live</code>)</li>
<li><code>/api/docs/&lt;service&gt;</code>: each service's OpenAPI UI (document: <code>/api/docs/&lt;service&gt;/openapi.json</code>)</li>
</ul>
${signIn}
<p>The README describes every route and event.</p>
</body></html>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
