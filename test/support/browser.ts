import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { waitFor } from '@choice-sherpa/platform/testing';
import { repoRoot } from './repo-root';

/** TESTING.md: Debian's Chromium, headless, with the flags that keep it off the network it cannot reach. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Where a run's screenshots go (not committed): test-results/screenshots. */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** A browser context signed in as the holder of `token` (the production path: a token handed to the page). */
export async function signedInContext(browser: Browser, baseUrl: string, token: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  await context.addInitScript(`localStorage.setItem('choice-sherpa.token', ${JSON.stringify(token)})`);
  return context;
}

/** The gateway's events as this page received them over its WebSocket (Socket.IO frames `42/live,["event",{...}]`). */
export function recordLiveEvents(page: Page): Array<{ event_id: string; event_type: string; sequence: number }> {
  const received: Array<{ event_id: string; event_type: string; sequence: number }> = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      const match = /^42\/live,(?:\d+)?(\[.*\])$/s.exec(text);
      if (!match) return;
      const [name, body] = JSON.parse(match[1]) as [string, { event_id: string; event_type: string; sequence: number }];
      if (name === 'event') received.push({ event_id: body.event_id, event_type: body.event_type, sequence: body.sequence });
    });
  });
  return received;
}

/** Bounded waits on what the page shows (playwright-core has no assertion library; TESTING.md: waitFor with a bound). */
export const see = {
  visible: (locator: Locator, timeoutMs = 60_000) => locator.first().waitFor({ state: 'visible', timeout: timeoutMs }),
  attribute: (locator: Locator, name: string, value: string, timeoutMs = 60_000) =>
    waitFor(async () => (await locator.getAttribute(name)) === value, { timeoutMs, intervalMs: 50, what: `${locator} [${name}=${value}]` }),
  notAttribute: (locator: Locator, name: string, value: string, timeoutMs = 60_000) =>
    waitFor(async () => (await locator.getAttribute(name)) !== value, { timeoutMs, intervalMs: 50, what: `${locator} [${name}!=${value}]` }),
  text: (locator: Locator, text: string, timeoutMs = 60_000) =>
    waitFor(async () => (await locator.textContent())?.trim() === text, { timeoutMs, intervalMs: 50, what: `${locator} text "${text}"` }),
  containing: (locator: Locator, text: string, timeoutMs = 60_000) =>
    waitFor(async () => (await locator.allTextContents()).some((t) => t.includes(text)), { timeoutMs, intervalMs: 50, what: `${locator} containing "${text}"` }),
  count: (locator: Locator, count: number, timeoutMs = 60_000) =>
    waitFor(async () => (await locator.count()) === count, { timeoutMs, intervalMs: 50, what: `${count} × ${locator}` }),
};
