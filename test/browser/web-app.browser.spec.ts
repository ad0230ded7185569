import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, JOURNEY_OUTPUTS, TestStack } from '../support';
import { launchChromium, recordLiveEvents, screenshotPath, see, signedInContext } from '../support/browser';
import { repoRoot } from '../support/repo-root';

const SERVICES = ['session-cycle', 'dashboard-projector', 'ws-gateway'] as const;
const LONG = 60_000;
const TEST_MS = 240_000;

/**
 * The web app (apps/web/dist, built by `npm run build`) in Debian's Chromium against the services as processes
 * behind one origin: what a user sees and does, live in two tabs, across a gateway restart, with errors.
 */
describe('the web app in Chromium', () => {
  let stack: TestStack;
  /** the entry point's one origin: the APIs, /socket.io and the web app */
  let origin: string;
  let browser: Browser;
  const ana = `ana-${Date.now()}`;
  let anaToken: string;
  let anaApi: ApiClient;

  beforeAll(async () => {
    stack = await TestStack.start({ services: SERVICES });
    origin = stack.publicUrl('session-cycle');
    browser = await launchChromium();
    anaToken = await stack.token(ana, { email: 'ana@example.com' });
    anaApi = new ApiClient(origin, anaToken);
    // the annual plan: this file opens more decisions than the free plan's three
    await anaApi.expect(201, 'POST', '/api/memberships', { tier: 'annual' });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function openAs(token: string, hash = '#/sessions'): Promise<Page> {
    const context = await signedInContext(browser, origin, token);
    const page = await context.newPage();
    await page.goto(`/${hash}`);
    return page;
  }

  const live = (page: Page) => see.attribute(page.locator('.connection'), 'data-state', 'online');
  const componentStatus = (page: Page, type: string) => page.locator(`.cycle[data-cycle-id] li[data-component="${type}"]`).first();

  it('a decision through the UI, seen live in a second tab, with screenshots of the main screens', async () => {
    const page = await openAs(anaToken);
    await live(page);
    await page.getByLabel('What are you deciding?').fill('Where should we live next year?');
    await page.getByRole('button', { name: 'Start' }).click();
    await see.visible(page.getByRole('heading', { level: 1, name: 'Where should we live next year?' }));
    const sessionUrl = page.url();
    const second = await browser.newContext({ baseURL: origin }).then(async (context) => {
      await context.addInitScript(`localStorage.setItem('choice-sherpa.token', ${JSON.stringify(anaToken)})`);
      const tab = await context.newPage();
      await tab.goto(sessionUrl);
      return tab;
    });
    await live(second);

    await page.getByRole('button', { name: 'New cycle' }).click();
    await see.visible(second.getByRole('heading', { name: 'Cycle 1' }));

    await page.getByRole('link', { name: 'Issue Raising' }).click();
    await page.getByRole('button', { name: 'Start this step' }).click();
    await see.text(page.locator('.title-row .badge'), 'In progress');
    await see.attribute(componentStatus(second, 'issue_raising'), 'data-status', 'in_progress');

    await page.getByRole('button', { name: 'Edit as JSON' }).click();
    await page.getByLabel('Output (JSON)').fill(JSON.stringify(JOURNEY_OUTPUTS.issue_raising));
    await page.getByRole('button', { name: 'Save output' }).click();
    await see.visible(page.getByText('Whether to move the family to Lisbon'));
    await page.getByRole('button', { name: 'Mark complete' }).click();
    await see.text(page.locator('.title-row .badge'), 'Complete');
    await see.attribute(componentStatus(second, 'issue_raising'), 'data-status', 'complete');
    await see.visible(second.getByText('1 of 8 (12%)'));
    await page.screenshot({ path: screenshotPath('component'), fullPage: true });

    await page.goto(sessionUrl);
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Decision title').fill('Where our family lives next year');
    await page.getByRole('button', { name: 'Save' }).click();
    await see.visible(second.getByRole('heading', { level: 1, name: 'Where our family lives next year' }));

    await page.locator('select[id^="branch-"]').selectOption('issue_raising');
    await page.getByRole('button', { name: 'Branch' }).click();
    await see.visible(second.getByRole('heading', { name: /Cycle 1\.1/ }));
    await see.attribute(second.locator('.branches li[data-component="issue_raising"]'), 'data-status', 'needs_revision');
    await page.screenshot({ path: screenshotPath('session'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('session-phone'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    // the README's picture: refreshed on request only, so that a test run leaves the work tree clean
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      mkdirSync(path.join(repoRoot(), 'docs'), { recursive: true });
      copyFileSync(screenshotPath('session'), path.join(repoRoot(), 'docs', 'web-session.png'));
    }

    await page.goto('/#/sessions');
    await see.visible(page.getByRole('link', { name: 'Where our family lives next year' }));
    await page.screenshot({ path: screenshotPath('sessions'), fullPage: true });
    await page.context().close();
    await second.context().close();
  }, TEST_MS);

  it('a refused rename is rolled back with the error, and nothing flickers back after an accepted one', async () => {
    const session = await anaApi.expect(201, 'POST', '/api/sessions', { title: 'Rename me' });
    const page = await openAs(anaToken, `#/sessions/${session.id}`);
    await live(page);
    const heading = page.getByRole('heading', { level: 1 });
    await see.text(heading, 'Rename me');
    await page.getByRole('button', { name: 'Rename' }).click();
    // over the 500-character limit: session-cycle refuses it with 400
    await page.getByLabel('Decision title').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Save' }).click();
    await see.containing(page.getByRole('alert'), 'Could not rename the session');
    await see.text(heading, 'Rename me');

    const titles: string[] = [];
    await page.exposeFunction('recordTitle', (t: string) => void titles.push(t));
    await page.evaluate(`new MutationObserver(() => window.recordTitle(document.querySelector('h1')?.textContent ?? '')).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true })`);
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Decision title').fill('Renamed for good');
    await page.getByRole('button', { name: 'Save' }).click();
    await see.count(page.locator('.saving'), 0);
    await see.text(heading, 'Renamed for good');
    // once shown, the new title never gave way to the old one while the command settled
    expect(titles.slice(titles.indexOf('Renamed for good'))).not.toContain('Rename me');
    await page.context().close();
  }, TEST_MS);

  it("another user's session URL shows not found and none of its data", async () => {
    const session = await anaApi.expect(201, 'POST', '/api/sessions', { title: 'Private matter' });
    const page = await openAs(await stack.token(`bob-${Date.now()}`), `#/sessions/${session.id}`);
    await see.visible(page.getByRole('heading', { name: 'Not found' }));
    await see.count(page.getByText('Private matter'), 0);
    await page.context().close();
  }, TEST_MS);

  it('the gateway restarted mid-session: the page catches up on what happened meanwhile, without gaps or duplicates', async () => {
    const session = await anaApi.expect(201, 'POST', '/api/sessions', { title: 'Through a restart' });
    const cycle = await anaApi.expect(201, 'POST', `/api/sessions/${session.id}/cycles`);
    const page = await openAs(anaToken, `#/sessions/${session.id}`);
    const received = recordLiveEvents(page);
    await live(page);
    await see.visible(page.getByRole('heading', { name: 'Cycle 1' }));
    await anaApi.expect(200, 'POST', `/api/cycles/${cycle.id}/components/issue_raising/start`);
    await see.attribute(componentStatus(page, 'issue_raising'), 'data-status', 'in_progress');

    await stack.service('ws-gateway').stop();
    await see.notAttribute(page.locator('.connection'), 'data-state', 'online');
    await anaApi.expect(200, 'PUT', `/api/cycles/${cycle.id}/components/issue_raising/output`, { output: JOURNEY_OUTPUTS.issue_raising });
    await anaApi.expect(200, 'POST', `/api/cycles/${cycle.id}/components/issue_raising/complete`);
    await anaApi.expect(200, 'POST', `/api/cycles/${cycle.id}/components/problem_frame/start`);
    await anaApi.expect(200, 'PATCH', `/api/sessions/${session.id}`, { title: 'Through a restart, renamed' });
    stack.service('ws-gateway').start();
    await stack.service('ws-gateway').waitReady();

    await live(page);
    await see.text(page.getByRole('heading', { level: 1 }), 'Through a restart, renamed');
    await see.attribute(componentStatus(page, 'issue_raising'), 'data-status', 'complete');
    await see.attribute(componentStatus(page, 'problem_frame'), 'data-status', 'in_progress');
    // every event of the session reached the page once, in order per aggregate
    const expected = ['cycle.created', 'component.started', 'component.output_updated', 'component.completed', 'component.started', 'session.renamed'];
    await waitFor(() => received.filter((e) => e.event_type !== 'session.created').length >= expected.length - 1, { timeoutMs: LONG, what: 'the replayed events' });
    const ids = received.map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    const cycleEvents = received.filter((e) => e.event_type.startsWith('component.'));
    expect(cycleEvents.map((e) => e.event_type)).toEqual(['component.started', 'component.output_updated', 'component.completed', 'component.started']);
    expect(cycleEvents.map((e) => e.sequence)).toEqual([...cycleEvents.map((e) => e.sequence)].sort((a, b) => a - b));
    await page.screenshot({ path: screenshotPath('after-gateway-restart'), fullPage: true });
    await page.context().close();
  }, TEST_MS);
});
