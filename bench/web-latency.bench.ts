import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../test/support/api-client';
import { launchChromium, see, signedInContext } from '../test/support/browser';
import { repoRoot } from '../test/support/repo-root';
import { TestStack } from '../test/support/test-stack';
import { percentile, writeResults } from './support/report';

// In the browser: a command's HTTP response -> its event on the page's WebSocket -> the change in the DOM, with the
// web app (apps/web/dist, `npm run build`) open on the session in Debian's Chromium. The command is a rename sent
// by the page itself with fetch (not through the store, which draws the user's own commands at once, before any
// response): what another tab, or a consumer's result, takes to show. Timestamps are the page's performance.now():
// the fetch's response, the socket message that carries the new title, the MutationObserver record that puts it
// in the <h1>. One command at a time. WEB_BENCH_SAMPLES overrides the count (a smoke run: 10).
const SAMPLES = Number(process.env.WEB_BENCH_SAMPLES ?? 200);
const WARMUP = Math.min(10, Math.ceil(SAMPLES / 10));
/** ARCHITECTURE.md and API.md name no bound for the page; the intent: a change is visible within 100 ms. */
const VISIBLE_BOUND_MS = 100;

interface Sample {
  response: number;
  socket: number | null;
  visible: number | null;
}

/** Installed before the app runs: the time each socket message and each <h1> text was first seen, by title. */
const PAGE_PROBE = `
  window.__probe = { socket: {}, visible: {} };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (m) => {
        const at = performance.now();
        const found = typeof m.data === 'string' && /"new_title":"(Bench [0-9]+)"/.exec(m.data);
        if (found && !(found[1] in window.__probe.socket)) window.__probe.socket[found[1]] = at;
      });
    }
  };
  new MutationObserver(() => {
    const at = performance.now();
    const title = document.querySelector('h1')?.textContent ?? '';
    if (title.startsWith('Bench ') && !(title in window.__probe.visible)) window.__probe.visible[title] = at;
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

export async function run(): Promise<void> {
  // the stack's entry point serves it at /
  if (!existsSync(path.join(repoRoot(), 'apps', 'web', 'dist', 'index.html'))) throw new Error('web-latency: apps/web/dist is not built (npm run build)');
  const stack = await TestStack.start({ services: ['session-cycle', 'dashboard-projector', 'ws-gateway'] });
  const origin = stack.publicUrl('session-cycle');
  const browser = await launchChromium();
  try {
    const token = await stack.token(`web-bench-${Date.now()}`, { email: 'web-bench@example.com' });
    const session = await new ApiClient(origin, token).expect(201, 'POST', '/api/sessions', { title: 'Web latency' });
    const context = await signedInContext(browser, origin, token);
    await context.addInitScript(PAGE_PROBE);
    const page = await context.newPage();
    await page.goto(`/#/sessions/${session.id}`);
    await see.attribute(page.locator('.connection'), 'data-state', 'online');
    await see.text(page.getByRole('heading', { level: 1 }), 'Web latency');
    process.stdout.write(`web-latency: ${WARMUP} + ${SAMPLES} renames, one at a time, seen in Chromium\n`);

    const samples: Sample[] = [];
    let missed = 0;
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const sample = await page.evaluate(
        async ({ id, auth, title }) => {
          const probe = (globalThis as unknown as { __probe: { socket: Record<string, number>; visible: Record<string, number> } }).__probe;
          const answer = await fetch(`/api/sessions/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
          const response = performance.now();
          if (!answer.ok) throw new Error(`rename answered ${answer.status}`);
          // bounded: a change not visible 10 s after its response counts as missed
          while (!(title in probe.visible) && performance.now() - response < 10_000) await new Promise((resolve) => setTimeout(resolve, 5));
          return { response, socket: probe.socket[title] ?? null, visible: probe.visible[title] ?? null };
        },
        { id: session.id, auth: token, title: `Bench ${i}` },
      );
      if (i < WARMUP) continue;
      if (sample.visible === null) missed += 1;
      samples.push(sample);
    }
    await context.close();

    const seen = samples.filter((s): s is Sample & { visible: number } => s.visible !== null);
    const sorted = (values: number[]) => values.map((v) => Math.round(v * 100) / 100).sort((a, b) => a - b);
    const toVisible = sorted(seen.map((s) => s.visible - s.response));
    const toSocket = sorted(seen.filter((s) => s.socket !== null).map((s) => s.socket! - s.response));
    const socketToVisible = sorted(seen.filter((s) => s.socket !== null).map((s) => s.visible - s.socket!));
    writeResults('web-latency', {
      samples: samples.length,
      missed,
      response_to_visible_p50_ms: percentile(toVisible, 50),
      response_to_visible_p99_ms: percentile(toVisible, 99),
      response_to_visible_max_ms: toVisible.at(-1) ?? null,
      visible_bound_ms: VISIBLE_BOUND_MS,
      response_to_socket_p50_ms: percentile(toSocket, 50),
      response_to_socket_p99_ms: percentile(toSocket, 99),
      socket_to_visible_p50_ms: percentile(socketToVisible, 50),
      socket_to_visible_p99_ms: percentile(socketToVisible, 99),
      ...e2eSocketFigures(),
      loadavg_1m: Math.round(os.loadavg()[0] * 100) / 100,
    });
  } catch (error) {
    process.stderr.write(`${stack.logs(40)}\n`);
    throw error;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

/** The socket arrival the e2e bench measured last (Node's socket.io-client, 5 commands/s), printed alongside. */
function e2eSocketFigures(): Record<string, number | string> {
  const file = path.join(repoRoot(), 'bench', 'results', 'e2e-latency.json');
  if (!existsSync(file)) return {};
  const e2e = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | string>;
  return {
    e2e_bench_date: e2e.date,
    e2e_bench_response_to_socket_p50_ms: e2e.at_5_per_s_p50_ms,
    e2e_bench_response_to_socket_p99_ms: e2e.at_5_per_s_p99_ms,
  };
}
