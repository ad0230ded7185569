import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { waitFor } from '@choice-sherpa/platform/testing';
import { v7 as uuidv7 } from 'uuid';
import { ConversationTestApp } from './support/conversation-app';

describe('conversation service with the offline facilitator (real PostgreSQL and Redis Streams)', () => {
  let service: ConversationTestApp;

  beforeAll(async () => {
    service = await ConversationTestApp.start();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('opens the conversation on component.started with the greeting, once, and announces it', async () => {
    const ids = await service.newSession('opener');
    const componentId = uuidv7();
    const conversation = await service.startComponent('opener', ids, 'alternatives', componentId);

    expect(conversation).toMatchObject({ session_id: ids.sessionId, cycle_id: ids.cycleId, component_id: componentId, component_type: 'alternatives', state: 'ready', phase: 'intro', inherited_from: null, extracted_output: null });
    expect(conversation.messages).toHaveLength(1);
    expect(conversation.messages[0]).toMatchObject({ role: 'assistant', content: expect.stringMatching(/Alternatives.*status quo/s) });
    // A second component.started for the same component (a replay under a new event id) changes nothing.
    await service.publish('component.started', ids.cycleId, { cycle_id: ids.cycleId, session_id: ids.sessionId, component_id: componentId, component_type: 'alternatives', started_at: new Date().toISOString() });
    const marker = await service.startComponent('opener', ids, 'consequences');
    expect(marker.component_type).toBe('consequences');
    expect(await service.query('SELECT count(*)::int AS n FROM conversations WHERE cycle_id = $1', [ids.cycleId])).toEqual([{ n: 2 }]);
    const events = await waitFor(async () => {
      const all = (await service.streamed()).filter((e) => e.aggregate_id === conversation.id);
      return all.length >= 2 ? all : undefined;
    }, { what: 'the conversation events' });
    expect(events.map((e) => [e.event_type, e.sequence])).toEqual([['conversation.started', 1], ['conversation.message_sent', 2]]);
    expect(events[1].payload).toMatchObject({ role: 'assistant', message_id: conversation.messages[0].id, content_preview: conversation.messages[0].content.slice(0, 100) });
  });

  it('gathers, proposes a schema-valid output, and raises conversation.data_extracted when the user confirms', async () => {
    const ids = await service.newSession('chooser');
    const conversation = await service.startComponent('chooser', ids, 'alternatives');

    const first = await service.say('chooser', conversation.id, '- Stay where we are');
    expect(first).toMatchObject({ user_message: { role: 'user', content: '- Stay where we are' }, assistant_message: { role: 'assistant' }, extraction: null, conversation: { state: 'in_progress', phase: 'gather' } });
    expect(first.assistant_message.content).toMatch(/at least two alternatives/);

    const second = await service.say('chooser', conversation.id, '- Move to Lisbon: rent near the coast');
    expect(second.conversation).toEqual({ state: 'in_progress', phase: 'clarify' });
    expect(second.extraction).toMatchObject({ status: 'invalid', problems: [{ field: 'alternatives', message: 'status_quo_id must name one of the alternatives' }] });

    const third = await service.say('chooser', conversation.id, 'Stay where we are');
    expect(third.conversation).toEqual({ state: 'in_progress', phase: 'confirm' });
    expect(third.extraction).toEqual({
      status: 'extracted',
      output: {
        alternatives: [
          { id: 'a1', name: 'Stay where we are', assumptions: [] },
          { id: 'a2', name: 'Move to Lisbon', description: 'rent near the coast', assumptions: [] },
        ],
        status_quo_id: 'a1',
      },
    });
    expect(await service.streamed().then((all) => all.filter((e) => e.event_type === 'conversation.data_extracted'))).toEqual([]);

    const confirmed = await service.say('chooser', conversation.id, 'yes');
    expect(confirmed.conversation).toEqual({ state: 'confirmed', phase: 'confirm' });
    const extracted = await waitFor(async () => (await service.streamed()).find((e) => e.event_type === 'conversation.data_extracted' && e.aggregate_id === conversation.id), { what: 'data_extracted' });
    expect(extracted.payload).toMatchObject({ session_id: ids.sessionId, cycle_id: ids.cycleId, component_id: conversation.component_id, component_type: 'alternatives', output: third.extraction.output, extraction_summary: 'alternatives: 2, status_quo_id: set' });
    expect(extracted.metadata).toMatchObject({ user_id: 'chooser' });

    const stored = (await service.request('chooser', 'GET', `/api/conversations/${conversation.id}`)).body;
    expect(stored).toMatchObject({ state: 'confirmed', extracted_output: third.extraction.output });
    expect(stored.messages.map((m: { role: string }) => m.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
  });

  it('takes no message once the component is complete (409), and again after it is marked for revision', async () => {
    const ids = await service.newSession('finisher');
    const conversation = await service.startComponent('finisher', ids, 'notes_next_steps');
    const component = { cycle_id: ids.cycleId, session_id: ids.sessionId, component_id: conversation.component_id, component_type: 'notes_next_steps' as const };
    await service.publish('component.completed', ids.cycleId, { ...component, output: SAMPLE_OUTPUTS.notes_next_steps, completed_at: new Date().toISOString() });
    await waitFor(async () => (await service.request('finisher', 'GET', `/api/conversations/${conversation.id}`)).body.state === 'complete', { what: 'complete' });

    const refused = await service.request('finisher', 'POST', `/api/conversations/${conversation.id}/messages`, { body: { content: 'one more thing' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COMPONENT_COMPLETE');

    await service.publish('component.marked_for_revision', ids.cycleId, { ...component, reason: 'forgot one', marked_at: new Date().toISOString() });
    await waitFor(async () => (await service.request('finisher', 'GET', `/api/conversations/${conversation.id}`)).body.state === 'in_progress', { what: 'reopened' });
    expect((await service.say('finisher', conversation.id, 'Notes:\n- call the bank')).conversation.phase).toBe('confirm');
  });

  it('refuses blank, oversized and unknown input with 400 naming the field, storing nothing', async () => {
    const ids = await service.newSession('careless');
    const conversation = await service.startComponent('careless', ids, 'issue_raising');
    for (const [body, field] of [
      [{ content: '   ' }, 'content'],
      [{ content: 'x'.repeat(8001) }, 'content'],
      [{}, 'content'],
      [{ content: 42 }, 'content'],
      [{ content: 'ok', extra: true }, 'extra'],
    ] as const) {
      const answer = await service.request('careless', 'POST', `/api/conversations/${conversation.id}/messages`, { body });
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(JSON.stringify(answer.body.error.details)).toContain(field);
    }
    const longKey = await service.request('careless', 'POST', `/api/conversations/${conversation.id}/messages`, { body: { content: 'ok' }, headers: { 'idempotency-key': 'k'.repeat(201) } });
    expect(longKey.status).toBe(400);
    expect((await service.request('careless', 'GET', '/api/conversations?cycle_id=nope&component_type=issue_raising')).status).toBe(400);
    expect((await service.request('careless', 'GET', `/api/conversations?cycle_id=${ids.cycleId}&component_type=vibes`)).status).toBe(400);
    expect((await service.request('careless', 'GET', `/api/conversations/${conversation.id}`)).body.messages).toHaveLength(1);
  });

  it('answers 404 to anyone but the session owner on every route, and 401 without a token', async () => {
    const ids = await service.newSession('owner');
    const conversation = await service.startComponent('owner', ids, 'issue_raising');
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/conversations/${conversation.id}`],
      ['GET', `/api/conversations?cycle_id=${ids.cycleId}&component_type=issue_raising`],
      ['POST', `/api/conversations/${conversation.id}/messages`, { content: 'I am not the owner' }],
      ['POST', `/api/conversations/${conversation.id}/reply`],
    ];
    for (const [method, path, body] of routes) {
      const foreign = await service.request('intruder', method, path, { body });
      expect(foreign.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(foreign.body)).not.toContain(ids.sessionId);
      expect((await service.request(null, method, path, { body })).status).toBe(401);
    }
    expect((await service.request('owner', 'GET', `/api/conversations/${uuidv7()}`)).status).toBe(404);
    expect((await service.request('owner', 'GET', `/api/conversations/${conversation.id}`)).body.messages).toHaveLength(1);
  });

  it('POST reply is 409 when the last message has its reply', async () => {
    const ids = await service.newSession('replier');
    const conversation = await service.startComponent('replier', ids, 'issue_raising');
    await service.say('replier', conversation.id, 'Decisions:\n- Move or stay (high)');
    const answer = await service.request('replier', 'POST', `/api/conversations/${conversation.id}/reply`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('ALREADY_REPLIED');
  });
});
