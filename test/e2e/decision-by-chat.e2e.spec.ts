import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { COMPONENT_TYPES } from '@choice-sherpa/events/outputs';
import { waitFor } from '@choice-sherpa/platform/testing';
import { ApiClient, CHAT, createCycle, createSession, onTestFailure, TestStack } from '../support';
import { repoRoot } from '../support/repo-root';

// A whole decision made by chat alone, through the six services as processes: every component's output comes from
// chatting with the offline facilitator (never from PUT output), then Pugh and DQ reach the dashboard and the cycle
// completes with its DQ score.
const SETTLE_MS = 90_000;

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start();
}, 300_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

onTestFailure(() => {
  process.stderr.write(`\n${stack.logs(40)}\n`);
});

async function conversationOf(chat: ApiClient, cycleId: string, type: string): Promise<any> {
  return waitFor(
    async () => {
      const answer = await chat.get(`/api/conversations?cycle_id=${cycleId}&component_type=${type}`);
      return answer.status === 200 ? answer.body : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 100, what: `the ${type} conversation` },
  );
}

describe('a decision made by chat alone, across the six services', () => {
  it('fills all nine components by chatting with the offline facilitator; Pugh and DQ reach the dashboard and the cycle completes', async () => {
    const userId = `chatter-${randomUUID()}`;
    const sessions = await stack.client('session-cycle', userId, { email: 'chat-e2e@example.test' });
    const chat = await stack.client('conversation', userId);
    const dashboard = await stack.client('dashboard-projector', userId);
    await sessions.expect(201, 'POST', '/api/memberships', { tier: 'annual' });
    const sessionId = await createSession(sessions);
    const cycleId = await createCycle(sessions, sessionId);

    for (const type of COMPONENT_TYPES) {
      await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/components/${type}/start`);
      const conversation = await conversationOf(chat, cycleId, type);
      expect(conversation.messages[0].role).toBe('assistant');
      let last: any;
      for (const content of CHAT[type]) last = await chat.expect(201, 'POST', `/api/conversations/${conversation.id}/messages`, { content });
      expect(last.extraction, `${type}: ${last.assistant_message.content}`).toMatchObject({ status: 'extracted' });
      const confirmed = await chat.expect(201, 'POST', `/api/conversations/${conversation.id}/messages`, { content: 'yes' });
      expect(confirmed.conversation.state).toBe('confirmed');
      // session-cycle fills the component's output from conversation.data_extracted; completing stays the user's command.
      await waitFor(
        async () => {
          const cycle = await sessions.expect(200, 'GET', `/api/cycles/${cycleId}`);
          const component = cycle.components.find((c: { component_type: string }) => c.component_type === type);
          return isDeepStrictEqual(component.output, last.extraction.output);
        },
        { timeoutMs: SETTLE_MS, intervalMs: 100, what: `${type} output filled from the conversation` },
      );
      await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/components/${type}/complete`);
      await waitFor(async () => (await chat.get(`/api/conversations/${conversation.id}`)).body.state === 'complete', { timeoutMs: SETTLE_MS, what: `${type} conversation complete` });
    }

    const view = await waitFor(
      async () => {
        const session = await dashboard.expect(200, 'GET', `/api/dashboard/sessions/${sessionId}`);
        const cycle = session.cycles.find((c: { cycle_id: string }) => c.cycle_id === cycleId);
        return cycle?.pugh && cycle?.dq?.elements?.length === 7 ? cycle : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 200, what: 'Pugh and DQ on the dashboard' },
    );
    expect(view.pugh).toMatchObject({ best_alternative_id: 'a2', dominated_alternatives: [{ alternative_id: 'a1', dominated_by_id: 'a2' }] });
    expect(view.pugh.scores).toEqual(expect.arrayContaining([expect.objectContaining({ alternative_id: 'a2', score: 3 }), expect.objectContaining({ alternative_id: 'a1', score: 0 })]));
    expect(view.dq.overall_score).toBe(60);
    expect(view.components.every((c: { status: string; message_count: number }) => c.status === 'complete' && c.message_count >= 3)).toBe(true);

    await waitFor(async () => (await sessions.expect(200, 'GET', `/api/cycles/${cycleId}`)).dq_score === 60, { timeoutMs: SETTLE_MS, what: 'session-cycle knows the DQ score' });
    const completed = await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/complete`);
    expect(completed).toMatchObject({ status: 'completed', dq_score: 60 });
    const events = await waitFor(
      async () => {
        const all = await stack.streams.ofSession(sessionId);
        return all.some((e) => e.event_type === 'cycle.completed') ? all : undefined;
      },
      { timeoutMs: SETTLE_MS, what: 'cycle.completed in the streams' },
    );
    expect(events.filter((e) => e.event_type === 'conversation.data_extracted')).toHaveLength(9);
    // Every output was filled by an extraction: each component.output_updated is caused by a data_extracted.
    expect(events.filter((e) => e.event_type === 'component.output_updated').map((e) => e.metadata.causation_id).sort()).toEqual(
      events.filter((e) => e.event_type === 'conversation.data_extracted').map((e) => e.event_id).sort(),
    );
    expect(events.find((e) => e.event_type === 'cycle.completed')!.payload).toMatchObject({ dq_score: 60 });
  }, 600_000);
});

/** The bash block of the README's "A decision made by chat" section, as a reader copies it. */
function readmeChatWalkthrough(): string {
  const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A decision made by chat'));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: no bash block under "A decision made by chat"');
  return block[1];
}

describe("the README's chat walkthrough", () => {
  it('runs as written through the entry point: the streamed proposal, the confirmation, the completed component', async () => {
    const userId = `readme-${randomUUID()}`;
    const env = { PATH: process.env.PATH, API: stack.publicUrl('session-cycle'), TOKEN: await stack.token(userId, { email: `${userId}@example.com` }) };
    const { stdout } = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', readmeChatWalkthrough()], { env, timeout: 120_000 });

    expect(stdout).toContain('event: extraction');
    expect(stdout).toContain('{"state":"confirmed","phase":"confirm"}');
    expect(stdout.trim().split('\n').at(-1)).toBe('{"completed":1,"required":8,"percent":12}');
  }, 180_000);
});
