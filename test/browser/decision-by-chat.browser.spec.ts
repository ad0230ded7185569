import type { Browser, Page } from 'playwright-core';
import { COMPONENT_LABELS, COMPONENT_TYPES } from '../../libs/client/src';
import { ApiClient, CHAT, TestStack } from '../support';
import { launchChromium, screenshotPath, see, signedInContext } from '../support/browser';

const SERVICES = ['session-cycle', 'conversation', 'dashboard-projector', 'ws-gateway', 'analysis-worker'] as const;
const TEST_MS = 600_000;

/**
 * A whole decision made in the web app by chat alone, with the offline facilitator: every component started, talked
 * through in the conversation view (replies streamed over SSE), the extracted output confirmed and seen as the
 * step's output, the step completed; then the Pugh table and the DQ chart the consumers computed appear in the
 * session view, and in a second tab that only watched, without a reload.
 */
describe('a decision by chat in the web app', () => {
  let stack: TestStack;
  /** the entry point's one origin: the APIs, /socket.io and the web app */
  let origin: string;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    stack = await TestStack.start({ services: SERVICES });
    origin = stack.publicUrl('session-cycle');
    browser = await launchChromium();
    const user = `chat-ui-${Date.now()}`;
    token = await stack.token(user, { email: 'chat-ui@example.com' });
    // decision quality is a paid feature
    await new ApiClient(origin, token).expect(201, 'POST', '/api/memberships', { tier: 'annual' });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function open(hash: string): Promise<Page> {
    const page = await (await signedInContext(browser, origin, token)).newPage();
    await page.goto(`/${hash}`);
    await see.attribute(page.locator('.connection'), 'data-state', 'online');
    return page;
  }

  /** Replies the page asked to stream and received as SSE with at least one delta. */
  function streamedReplies(page: Page): { count: number } {
    const streamed = { count: 0 };
    page.on('response', (response) => {
      if (!/\/api\/conversations\/[^/]+\/messages$/.test(new URL(response.url()).pathname)) return;
      if (!(response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
      void response.text().then((body) => {
        if (body.includes('event: delta')) streamed.count += 1;
      });
    });
    return streamed;
  }

  it('every component by chat, the extractions confirmed, then Pugh and DQ shown live', async () => {
    const page = await open('#/sessions');
    const streamed = streamedReplies(page);
    await page.getByLabel('What are you deciding?').fill('Where should we live next year?');
    await page.getByRole('button', { name: 'Start' }).click();
    await see.visible(page.getByRole('heading', { level: 1, name: 'Where should we live next year?' }));
    const watcher = await open(new URL(page.url()).hash);
    await page.getByRole('button', { name: 'New cycle' }).click();
    await see.visible(watcher.getByRole('heading', { name: 'Cycle 1' }));
    await page.getByRole('link', { name: COMPONENT_LABELS.issue_raising }).click();

    let sent = 0;
    for (const [index, type] of COMPONENT_TYPES.entries()) {
      const label = COMPONENT_LABELS[type];
      await see.visible(page.getByRole('heading', { level: 1, name: label }));
      await page.getByRole('button', { name: 'Start this step' }).click();
      const messages = page.locator('.messages > li.message');
      // the facilitator's greeting opens the conversation
      await see.visible(page.locator('.messages > li.message-assistant'));
      for (const content of CHAT[type]) {
        const before = await messages.count();
        await page.getByLabel('Your message').fill(content);
        await page.getByRole('button', { name: 'Send' }).click();
        sent += 1;
        // the user's message and the facilitator's reply, stored (no reply still streaming)
        await see.count(page.locator('.messages > li.streaming'), 0);
        await see.count(messages, before + 2);
      }
      const proposal = page.getByRole('region', { name: 'Extracted output' });
      await see.visible(proposal);
      if (type === 'consequences') await page.screenshot({ path: screenshotPath('conversation'), fullPage: true });
      const nothingYet = page.locator('.output').getByText('Nothing yet: the conversation fills it in.');
      await see.visible(nothingYet);
      await proposal.getByRole('button', { name: 'Yes, save it as the output' }).click();
      await see.containing(page.getByRole('status'), "it is this step's output now");
      // session-cycle filled the output from the confirmed extraction; the page shows it without a reload
      await see.count(nothingYet, 0);
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await see.text(page.locator('.title-row .badge'), 'Complete');
      await see.attribute(watcher.locator(`li[data-component="${type}"]`).first(), 'data-status', 'complete');
      const next = COMPONENT_TYPES[index + 1];
      if (next) await page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: `${COMPONENT_LABELS[next]} →` }).click();
    }
    expect(streamed.count).toBeGreaterThanOrEqual(sent);

    // the analysis worker's results reach the tab that only watched, without a reload
    const pugh = watcher.getByRole('region', { name: 'Pugh analysis' });
    await see.visible(pugh);
    await see.containing(pugh.locator('tr.best th'), 'Move to Lisbon');
    await see.containing(pugh.locator('tr.dominated th'), 'dominated by Move to Lisbon');
    const dq = watcher.getByRole('region', { name: 'Decision quality' });
    await see.containing(dq.locator('h3'), 'Decision quality: 60');
    await see.count(dq.getByRole('meter'), 7);
    await see.containing(dq.locator('li.weakest'), 'Creative Alternatives');
    await watcher.screenshot({ path: screenshotPath('session-analysis'), fullPage: true });

    await page.locator('.crumbs a').click();
    await see.visible(page.getByRole('region', { name: 'Pugh analysis' }));
    await see.visible(page.getByText('8 of 8 (100%)'));
    await page.getByRole('button', { name: 'Complete cycle' }).click();
    await see.text(watcher.locator('.cycle[data-cycle-id] .cycle-head .badge'), 'Completed');
    await page.context().close();
    await watcher.context().close();
  }, TEST_MS);
});
