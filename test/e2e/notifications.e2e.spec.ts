import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import { SmtpTestServer } from '@choice-sherpa/platform/testing/smtp-test-server';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';
import { ApiClient, createCycle, createSession, JOURNEY_OUTPUTS, onTestFailure, TestStack } from '../support';

// The six services as real processes; the notifier sends to a real SMTP server in this test process. What the
// summary must show (the DQ score, the Pugh result) is taken from the events in the streams, never from literals.
const SETTLE_MS = 90_000;
const PUBLIC_URL = 'http://choice-sherpa.e2e.test';

const LATER_OUTPUTS = {
  consequences: {
    alternative_ids: ['a1', 'a2'],
    objective_ids: ['o1', 'o2'],
    cells: { 'a1:o1': { rating: 0 }, 'a1:o2': { rating: 0 }, 'a2:o1': { rating: 2 }, 'a2:o2': { rating: -1 } },
  },
  tradeoffs: { dominated_alternatives: [], irrelevant_objectives: [], tensions: [{ alternative_id: 'a2', gains: ['o1'], losses: ['o2'] }] },
  recommendation: {
    synthesis: 'Moving to Lisbon lowers our costs a lot for a small risk to our careers, which is worth taking.',
    standout_alternative_id: 'a2',
    caveats: [],
    remaining_uncertainties: ['Remote work policy'],
  },
  decision_quality: {
    elements: [
      'Helpful Problem Frame', 'Clear Objectives', 'Creative Alternatives', 'Reliable Consequence Information',
      'Logically Correct Reasoning', 'Clear Tradeoffs', 'Commitment to Follow Through',
    ].map((name, index) => ({ name, score: 60 + index * 5 })),
  },
};

let stack: TestStack;
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await SmtpTestServer.start();
  stack = await TestStack.start({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Choice Sherpa <notify@e2e.test>', PUBLIC_URL, MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '1000' } });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
}, 60_000);

onTestFailure(() => {
  process.stderr.write(`\n${stack.logs(40)}\n`);
});

const mailsTo = (address: string, count: number) =>
  waitFor(() => (smtp.to(address).length >= count ? smtp.to(address) : undefined), { timeoutMs: SETTLE_MS, intervalMs: 100, what: `${count} email(s) to the user` });

async function completeComponent(api: ApiClient, cycleId: string, type: string, output: unknown): Promise<void> {
  const base = `/api/cycles/${cycleId}/components/${type}`;
  await api.expect(200, 'POST', `${base}/start`);
  await api.expect(200, 'PUT', `${base}/output`, { output });
  await api.expect(200, 'POST', `${base}/complete`);
}

describe('notifications across the six services', () => {
  it('a membership created over session-cycle\'s HTTP API reaches the SMTP server as a welcome, then an upgrade confirmation', async () => {
    const userId = `user-${randomUUID()}`;
    const email = `member-${randomUUID().slice(0, 8)}@example.test`;
    const api = await stack.client('session-cycle', userId, { email });
    const membership = await api.expect(201, 'POST', '/api/memberships', { tier: 'free' });
    await api.expect(200, 'POST', `/api/memberships/${membership.id}/upgrade`, { tier: 'monthly' });
    const [welcome, upgraded] = await mailsTo(email, 2);
    const streamed = (await stack.streams.all()).map((entry) => entry.envelope).filter((event) => event.event_type.startsWith('membership.') && (event.payload as { user_id?: string }).user_id === userId);
    expect(streamed.map((event) => event.event_type)).toEqual(['membership.created', 'membership.upgraded']);
    expect(welcome.envelopeTo).toEqual([email]);
    expect(welcome.parsed.subject).toBe('Welcome to Choice Sherpa');
    expect(welcome.parsed.messageId).toBe(`<welcome.${streamed[0].event_id}@e2e.test>`);
    expect(upgraded.parsed.subject).toBe('Your Choice Sherpa membership is now Monthly');
    expect(upgraded.parsed.messageId).toBe(`<membership_upgraded.${streamed[1].event_id}@e2e.test>`);
  });

  it('a completed cycle brings its owner a summary with the session title, what analysis reported, the dashboard link and a working one-click unsubscribe', async () => {
    const userId = `user-${randomUUID()}`;
    const email = `owner-${randomUUID().slice(0, 8)}@example.test`;
    const api = await stack.client('session-cycle', userId, { email });
    await api.expect(201, 'POST', '/api/memberships', { tier: 'monthly' });
    const sessionId = await createSession(api, 'Lisbon or not');
    const cycleId = await createCycle(api, sessionId);
    for (const [type, output] of Object.entries({ ...JOURNEY_OUTPUTS, ...LATER_OUTPUTS })) await completeComponent(api, cycleId, type, output);
    await api.expect(200, 'POST', `/api/cycles/${cycleId}/complete`);

    const [, summary] = await mailsTo(email, 2);
    const cycleEvents = (await stack.streams.all()).map((entry) => entry.envelope).filter((event) => event.aggregate_id === cycleId);
    const completedAt = cycleEvents.findIndex((event) => event.event_type === 'cycle.completed');
    const completed = cycleEvents[completedAt] as EventEnvelope<string, { dq_score: number | null }>;
    const pugh = cycleEvents.slice(0, completedAt).filter((event) => event.event_type === 'analysis.pugh_computed').at(-1) as EventEnvelope<string, { scores: Record<string, number> }> | undefined;

    expect(summary.envelopeTo).toEqual([email]);
    expect(summary.parsed.subject).toBe('Your decision summary: Lisbon or not');
    expect(summary.parsed.messageId).toBe(`<cycle_summary.${completed.event_id}@e2e.test>`);
    const text = summary.parsed.text ?? '';
    const dq = completed.payload.dq_score;
    expect(text).toContain(dq === null ? 'Decision quality: not scored for this cycle.' : `Decision quality: ${dq} out of 100`);
    if (pugh) {
      const scores = Object.entries(pugh.payload.scores).sort((a, b) => b[1] - a[1]);
      const names: Record<string, string> = { a1: 'Stay where we are', a2: 'Move to Lisbon' };
      expect(text).toContain(scores.length > 1 && scores[0][1] === scores[1][1] ? 'no single best alternative' : `Best alternative by the Pugh analysis: ${names[scores[0][0]]}.`);
    }
    expect(text).toContain(`${PUBLIC_URL}/sessions/${sessionId}?cycle=${cycleId}`);

    const unsubscribe = new URL(summary.header('List-Unsubscribe')!.slice(1, -1));
    expect(summary.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(`${unsubscribe.origin}${unsubscribe.pathname}`).toBe(`${PUBLIC_URL}/api/notifications/unsubscribe`);
    const oneClick = await fetch(`${stack.url('notifier')}${unsubscribe.pathname}${unsubscribe.search}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const notifier = await stack.client('notifier', userId);
    expect(await notifier.expect(200, 'GET', '/api/notifications/preferences')).toEqual({ cycle_summaries: false });
  });
});
