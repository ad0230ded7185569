import type { Browser, Page } from 'playwright-core';
import { ApiClient, TestStack } from '../support';
import { launchChromium, screenshotPath, see, signedInContext } from '../support/browser';

const SERVICES = ['session-cycle', 'dashboard-projector', 'ws-gateway'] as const;
const TEST_MS = 180_000;
const PHONE = { width: 390, height: 844 };

/**
 * Getting in and getting around: sign-in by the development token route (local) and by a pasted token
 * (production), an email's link (a path, not a hash route) opening the right cycle, and the session screen at a
 * phone's width driven by the keyboard, its controls labelled, a tier limit explained.
 */
describe('the web app: sign-in, links from emails, phone width and keyboard', () => {
  let stack: TestStack;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    stack = await TestStack.start({ services: SERVICES, env: { DEV_LOGIN: 'true' } });
    origin = stack.publicUrl('session-cycle');
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const signedOut = async (viewport = { width: 1280, height: 900 }) => (await browser.newContext({ viewport, baseURL: origin })).newPage();

  it('signs in with the development token route, and with a pasted token', async () => {
    const page = await signedOut();
    await page.goto('/');
    await page.getByLabel('User id').fill('dev-user-1');
    await page.getByLabel('Email (optional)').fill('dev-user-1@example.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see.visible(page.getByRole('heading', { level: 1, name: 'Your decisions' }));
    await see.text(page.locator('.who'), 'dev-user-1');
    await see.attribute(page.locator('.connection'), 'data-state', 'online');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await see.visible(page.getByRole('heading', { name: 'Development sign-in' }));

    const token = await stack.token('pasted-user');
    await page.getByLabel('Access token (JWT)').fill('not a token');
    await page.getByRole('button', { name: 'Use this token' }).click();
    await see.containing(page.getByRole('alert'), 'three parts separated by dots');
    await page.getByLabel('Access token (JWT)').fill(token);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await see.text(page.locator('.who'), 'pasted-user');
    await see.attribute(page.locator('.connection'), 'data-state', 'online');
    await page.context().close();
  }, TEST_MS);

  it("an email's link, PUBLIC_URL/sessions/<id>?cycle=<id>, opens that session with the cycle in focus", async () => {
    const token = await stack.token(`mail-${Date.now()}`);
    const api = new ApiClient(origin, token);
    const session = await api.expect(201, 'POST', '/api/sessions', { title: 'From an email' });
    await api.expect(201, 'POST', `/api/sessions/${session.id}/cycles`);
    const second = await api.expect(201, 'POST', `/api/sessions/${session.id}/cycles`);
    const page = await (await signedInContext(browser, origin, token)).newPage();
    await page.goto(`/sessions/${session.id}?cycle=${second.id}`);
    await see.visible(page.getByRole('heading', { level: 1, name: 'From an email' }));
    expect(new URL(page.url()).hash).toBe(`#/sessions/${session.id}?cycle=${second.id}`);
    await see.text(page.locator(':focus'), 'Cycle 2');
    await page.context().close();
  }, TEST_MS);

  it('at 390 px: nothing wider than the screen, every control labelled, the keyboard reaches them, a tier limit explained', async () => {
    const token = await stack.token(`phone-${Date.now()}`);
    const session = await new ApiClient(origin, token).expect(201, 'POST', '/api/sessions', { title: 'Decided on a phone, with a rather long title' });
    const page = await (await signedInContext(browser, origin, token, PHONE)).newPage();
    await page.goto(`/#/sessions/${session.id}`);
    await see.attribute(page.locator('.connection'), 'data-state', 'online');
    await see.visible(page.getByRole('heading', { level: 1 }));

    // the first Tab reaches the skip link, which moves focus to the content
    await page.keyboard.press('Tab');
    await see.text(page.locator(':focus'), 'Skip to content');
    await page.keyboard.press('Enter');
    for (let created = 0; created < 3; created++) {
      await tabTo(page, 'New cycle');
      await page.keyboard.press('Enter');
      if (created < 2) await see.visible(page.getByRole('heading', { name: `Cycle ${created + 1}` }));
    }
    // the free plan: two cycles per decision
    await see.containing(page.getByRole('alert'), 'Your plan allows 2 cycles per decision (you have 2). The monthly plan lifts it.');
    await see.visible(page.getByRole('alert').getByRole('link', { name: 'See plans' }));

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('session-phone-keyboard'), fullPage: true });

    await page.getByRole('link', { name: 'Issue Raising' }).first().click();
    await see.visible(page.getByRole('button', { name: 'Start this step' }));
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await unlabelled(page)).toEqual([]);
    await page.context().close();
  }, TEST_MS);
});

/** Presses Tab until the focused element is the button or link named `name` (bounded: 40 presses). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    const focused = await page.evaluate<string>(`document.activeElement?.textContent?.trim() ?? ''`);
    if (focused === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Form controls and buttons a screen reader could not name (no label, no aria-label, no text). */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((element) => {
        if (element.type === 'hidden') return false;
        const named = (element.labels?.length ?? 0) > 0 || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
        return !named && (element.tagName !== 'BUTTON' || (element.textContent ?? '').trim() === '');
      })
      .map((element) => element.outerHTML.slice(0, 120))
  `);
}
