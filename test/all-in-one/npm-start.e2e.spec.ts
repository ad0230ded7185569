import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@choice-sherpa/platform/testing';
import { ApiClient } from '../support/api-client';
import { LiveSocket } from '../support/live-socket';
import { onTestFailure } from '../support/on-test-failure';
import { repoRoot } from '../support/repo-root';
import { AllInOneProcess, isAlive, remotePortsOf } from './all-in-one-process';

// `npm start` as a newcomer meets it: one process, embedded PostgreSQL, the in-process broker, one origin. A short
// journey over HTTP and Socket.IO through that origin, a SIGKILL right after a change, a restart (the stale
// PostgreSQL found and restarted), and the change and its events there: in the dashboard and in the socket replay.

const SETTLE_MS = 60_000;
let dataDir: string;
let host: AllInOneProcess;

beforeAll(async () => {
  // Under /tmp: as root the embedded server runs as the postgres OS user, which must reach the directory.
  dataDir = mkdtempSync(path.join(tmpdir(), 'cs-npm-start-'));
  host = new AllInOneProcess(await freePort(), dataDir);
  await host.start();
}, 240_000);

afterAll(async () => {
  if (host.pid && isAlive(host.pid)) await host.kill();
  const postgres = host.postgresPid();
  if (postgres && isAlive(postgres)) process.kill(postgres, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

onTestFailure(() => void process.stderr.write(`\n--- npm start output ---\n${host.tail(60)}\n`));

/** The development sign-in of API.md, through the one origin. */
async function signIn(origin: string, userId: string): Promise<{ api: ApiClient; token: string }> {
  const { token } = await new ApiClient(origin).expect<{ token: string }>(200, 'POST', '/api/dev/token', { user_id: userId });
  return { api: new ApiClient(origin, token), token };
}

describe('npm start', () => {
  it('serves the APIs, the development sign-in and a page at / on one origin, and 404s unknown API paths as JSON', async () => {
    const anonymous = new ApiClient(host.url);
    expect((await anonymous.get('/api/dashboard/overview')).status).toBe(401);
    expect((await anonymous.post('/api/dev/token', { user_id: '' })).status).toBe(400);
    const unknown = await anonymous.get('/api/no-such-thing');
    expect(unknown).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'route not found', details: [] } } });
    // `/`: the web app's built files when there are any (npm run build makes them), else the page naming the APIs.
    const webIndex = path.join(repoRoot(), 'apps', 'web', 'dist', 'index.html');
    for (const route of ['/', '/sessions/some-client-route']) {
      const page = await fetch(`${host.url}${route}`);
      expect(page.headers.get('content-type'), route).toContain('text/html');
      const html = await page.text();
      if (existsSync(webIndex)) expect(html, route).toBe(readFileSync(webIndex, 'utf8'));
      else expect(html, route).toContain('/api/sessions');
    }
    expect(host.lines.some((line) => line.includes('/api/dev/token'))).toBe(true);
  });

  it.each(['session-cycle', 'conversation', 'dashboard-projector', 'notifier', 'ws-gateway'])('serves the OpenAPI document and UI of %s under /api/docs/<service>', async (service) => {
    const document = await fetch(`${host.url}/api/docs/${service}/openapi.json`);
    expect(document.status).toBe(200);
    expect(((await document.json()) as { info: { title: string } }).info.title).toBe(`Choice Sherpa ${service}`);
    const ui = await fetch(`${host.url}/api/docs/${service}`);
    expect(await ui.text()).toContain('swagger-ui');
    expect((await fetch(`${host.url}/api/docs/${service}/swagger-ui.css`)).status).toBe(200);
  });

  it('uses only its own PostgreSQL and no Redis', async () => {
    const ports = remotePortsOf(host.pid!);
    const ownPostgres = Number(/-p (\d+)/.exec(execFileSync('ps', ['-o', 'args=', '-p', String(host.postgresPid())], { encoding: 'utf8' }))?.[1]);
    expect(ports).toContain(ownPostgres);
    expect(ports.filter((port) => port === 5432 || port === 6379)).toEqual([]);
  });

  it('refuses a second npm start on the same data directory, leaving the first one running', async () => {
    const second = new AllInOneProcess(await freePort(), dataDir);
    await expect(second.start(60_000)).rejects.toThrow(/already running/);
    expect((await fetch(`${host.url}/health/ready`)).status).toBe(200);
  });

  it('keeps a change and its events across a SIGKILL right after it: dashboard and socket replay after the restart', async () => {
    const userId = `newcomer-${Date.now()}`;
    const { api, token } = await signIn(host.url, userId);
    const session = await api.expect<{ id: string }>(201, 'POST', '/api/sessions', { title: 'Which city?' });
    const socket = await LiveSocket.connect(host.url, { origin: host.url, token });
    try {
      await socket.joinWhenKnown(session.id);
      await api.expect(200, 'PATCH', `/api/sessions/${session.id}`, { title: 'Which city, then?' });
      const [seen] = await socket.waitForCount(1, SETTLE_MS, (event) => event.event_type === 'session.renamed');
      await api.expect(200, 'PATCH', `/api/sessions/${session.id}`, { title: 'Which city, really?' });

      await host.kill(); // right after the change: its events may not have reached any consumer yet
      const stalePostgres = host.postgresPid();
      expect(stalePostgres && isAlive(stalePostgres), 'PostgreSQL outlives the killed process').toBeTruthy();

      await host.start();
      expect(host.lines.some((line) => line.includes('left running by an earlier start'))).toBe(true);
      const { api: again, token: againToken } = await signIn(host.url, userId);
      await waitFor(
        async () => {
          const overview = await again.expect<{ sessions: { session_id: string; title: string }[] }>(200, 'GET', '/api/dashboard/overview');
          return overview.sessions.find((s) => s.session_id === session.id)?.title === 'Which city, really?';
        },
        { timeoutMs: SETTLE_MS, what: 'the rename in the dashboard after the restart' },
      );
      const replay = await LiveSocket.connect(host.url, { origin: host.url, token: againToken });
      try {
        // Everything after the last event the client saw before the kill: exactly the second rename.
        expect(await replay.join(session.id, seen.event_id)).toEqual({ ok: true });
        const [renamed] = await replay.waitForCount(1, SETTLE_MS, (event) => event.event_type === 'session.renamed');
        expect(renamed).toMatchObject({ session_id: session.id, data: expect.objectContaining({ new_title: 'Which city, really?' }) });
        expect(replay.received.map((event) => event.event_id)).toEqual([renamed.event_id]);
      } finally {
        replay.disconnect();
      }
    } finally {
      socket.disconnect();
    }
  }, 300_000);

  it('stops cleanly on Ctrl-C: exit 0, PostgreSQL shut down', async () => {
    const postgres = host.postgresPid()!;
    expect(await host.interrupt()).toEqual({ code: 0, signal: null });
    expect(isAlive(postgres)).toBe(false);
    expect(host.lines.some((line) => line.includes('stopped'))).toBe(true);
  }, 60_000);
});
