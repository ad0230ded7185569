import { createEvent, EventEnvelope, streamFor, TransactionScope } from '@choice-sherpa/events';
import Redis from 'ioredis';
import { TEST_REDIS_URL, waitFor } from '@choice-sherpa/platform/testing';
import { v7 as uuidv7 } from 'uuid';
import { ApplyExtractedOutputCommand, type ExtractedOutput } from '../src/cycle/application/commands/apply-extracted-output/apply-extracted-output.command';
import { ApplyExtractedOutputHandler } from '../src/cycle/application/commands/apply-extracted-output/apply-extracted-output.handler';
import { createCycle, createSession, expectStatus, workThrough } from './support/journey';
import { VALID_OUTPUTS } from './support/outputs';
import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';

describe('session-cycle stream consumers', () => {
  let service: SessionCycleTestApp;

  beforeAll(async () => {
    service = await startSessionCycleApp();
  });
  afterAll(async () => {
    await service?.close();
  });

  /** A started component of a fresh cycle, as the conversation service would know it. */
  async function startedComponent(userId: string, type: 'issue_raising' = 'issue_raising') {
    const user = await service.as(userId);
    const sessionId = await createSession(user);
    const cycleId = await createCycle(user, sessionId);
    const cycle = await expectStatus(200, user.post(`/api/cycles/${cycleId}/components/${type}/start`));
    const componentId = cycle.components.find((c: { component_type: string }) => c.component_type === type).id as string;
    return { user, sessionId, cycleId, componentId };
  }

  function extraction(target: { sessionId: string; cycleId: string; componentId: string }, output: Record<string, unknown>, userId: string | null): EventEnvelope {
    const conversationId = uuidv7();
    return {
      ...createEvent('conversation.data_extracted', {
        aggregateId: conversationId,
        payload: {
          conversation_id: conversationId,
          session_id: target.sessionId,
          cycle_id: target.cycleId,
          component_id: target.componentId,
          component_type: 'issue_raising',
          output,
          extraction_summary: 'potential_decisions: 1',
          extracted_at: new Date().toISOString(),
        },
        metadata: { correlationId: uuidv7(), userId },
      }),
      sequence: 1,
    };
  }

  const recordOf = async (eventId: string) =>
    (await service.dataSource.query('SELECT outcome, reason FROM data_extraction_records WHERE event_id = $1', [eventId]))[0] as
      | { outcome: string; reason: string | null }
      | undefined;

  it('conversation.data_extracted fills an in-progress component: component.output_updated caused by it, same correlation', async () => {
    const target = await startedComponent('extract-owner');
    const event = extraction(target, VALID_OUTPUTS.issue_raising, 'extract-owner');

    await service.publish(event);

    const updated = await waitFor(
      async () => (await service.streams.forAggregate(target.cycleId)).find((e) => e.event_type === 'component.output_updated'),
      { what: 'component.output_updated from the extraction' },
    );
    expect(updated.metadata).toMatchObject({ causation_id: event.event_id, correlation_id: event.metadata.correlation_id, user_id: 'extract-owner' });
    expect(updated.payload).toMatchObject({ cycle_id: target.cycleId, session_id: target.sessionId, component_id: target.componentId, component_type: 'issue_raising' });
    const cycle = await expectStatus(200, target.user.get(`/api/cycles/${target.cycleId}`));
    expect(cycle.components[0].output).toMatchObject({ considerations: ['Family nearby'] });
    expect(await recordOf(event.event_id)).toEqual({ outcome: 'applied', reason: null });

    // Redelivery (the same event again) has no second effect.
    await service.publish(event);
    const other = await startedComponent('extract-owner-2');
    const marker = extraction(other, VALID_OUTPUTS.issue_raising, 'extract-owner-2');
    await service.publish(marker);
    await waitFor(async () => (await recordOf(marker.event_id))?.outcome === 'applied', { what: 'a later event applied' });
    const updates = (await service.streams.forAggregate(target.cycleId)).filter((e) => e.event_type === 'component.output_updated');
    expect(updates).toHaveLength(1);
  });

  it('records and ignores extractions for a complete component or another user, refuses invalid output at the contract, without events or dead letters', async () => {
    const complete = await startedComponent('extract-late');
    await expectStatus(200, complete.user.put(`/api/cycles/${complete.cycleId}/components/issue_raising/output`, { output: VALID_OUTPUTS.issue_raising }));
    await expectStatus(200, complete.user.post(`/api/cycles/${complete.cycleId}/components/issue_raising/complete`));
    const open = await startedComponent('extract-invalid');
    const foreign = await startedComponent('extract-victim');
    const outboxBefore = await service.outboxCount();

    const late = extraction(complete, VALID_OUTPUTS.issue_raising, 'extract-late');
    const invalid = extraction(open, { potential_decisions: [{ id: 'd1', description: 'x', priority: 'urgent' }] }, 'extract-invalid');
    const spoofed = extraction(foreign, VALID_OUTPUTS.issue_raising, 'someone-else');
    // The output schemas are part of the event contract: an invalid output cannot be published at all (and one
    // written to a stream by hand is a dead letter before any handler sees it: the poison test below).
    await expect(service.publish(invalid)).rejects.toThrow(/invalid_payload/);
    for (const event of [late, spoofed]) await service.publish(event);

    for (const event of [late, spoofed]) {
      await waitFor(async () => (await recordOf(event.event_id))?.outcome === 'ignored', { what: `extraction ${event.event_id} recorded as ignored` });
    }
    expect((await recordOf(late.event_id))?.reason).toMatch(/complete/);
    expect(await recordOf(invalid.event_id)).toBeUndefined();
    expect((await recordOf(spoofed.event_id))?.reason).toMatch(/owner/);
    expect(await service.outboxCount()).toBe(outboxBefore);
    expect((await service.dataSource.query('SELECT count(*)::int AS n FROM dead_letter_events'))[0].n).toBe(0);
    const untouched = await expectStatus(200, foreign.user.get(`/api/cycles/${foreign.cycleId}`));
    expect(untouched.components[0].output).toBeNull();
  });

  it('analysis.dq_computed is kept per cycle, the highest per-cycle sequence winning whatever the delivery order or clocks, and unknown cycles are ignored', async () => {
    const { user, sessionId, cycleId } = await startedComponent('dq-owner');
    const dq = (overall: number, sequence: number, computedAt: string, cycle = cycleId, session = sessionId) => ({
      ...createEvent('analysis.dq_computed', {
        aggregateId: cycle,
        payload: { cycle_id: cycle, session_id: session, element_scores: [{ name: 'Clear Objectives', score: overall }], overall_score: overall, computed_at: computedAt },
        metadata: { correlationId: uuidv7(), userId: null },
      }),
      sequence,
    });
    const scoreIs = (score: number) => async () => (await user.get(`/api/cycles/${cycleId}`)).body.dq_score === score;

    await service.publish(dq(70, 1, '2026-01-02T00:00:00.000Z'));
    await waitFor(scoreIs(70), { what: 'dq 70' });
    // The newer result (sequence 3) is delivered before the stale one (sequence 2), whose worker's clock ran ahead.
    const newer = dq(85, 3, '2026-01-03T00:00:00.000Z');
    const stale = dq(20, 2, '2026-01-09T00:00:00.000Z');
    const unknown = dq(50, 4, '2026-01-03T00:00:00.000Z', uuidv7());
    await service.publish(newer);
    await waitFor(scoreIs(85), { what: 'dq 85' });
    await service.publish(stale);
    await service.publish(unknown);
    await waitFor(
      async () => (await service.dataSource.query('SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY($1)', [[stale.event_id, unknown.event_id]]))[0].n === 2,
      { what: 'stale and unknown processed' },
    );
    expect((await user.get(`/api/cycles/${cycleId}`)).body.dq_score).toBe(85);
    expect(await service.dataSource.query('SELECT overall_score, event_id, event_sequence::int AS seq FROM cycle_dq_scores')).toEqual([
      { overall_score: 85, event_id: newer.event_id, seq: 3 },
    ]);

    // A later result with an earlier clock still wins: the sequence orders, not computed_at.
    await service.publish(dq(90, 5, '2026-01-01T00:00:00.000Z'));
    await waitFor(scoreIs(90), { what: 'dq 90' });
  });

  it('cycle.created keeps the session cycle list, once per cycle even when the same cycle is announced again', async () => {
    const user = await service.as('lister');
    const sessionId = await createSession(user);
    const cycleId = await createCycle(user, sessionId);
    await waitFor(async () => (await user.get(`/api/sessions/${sessionId}`)).body.cycle_ids.length === 1, { what: 'cycle listed' });
    const [created] = await service.streams.forAggregate(cycleId);

    // The same cycle under a new event id: processed_events cannot dedupe it, the session must.
    const again = { ...created, event_id: uuidv7(), sequence: created.sequence + 100 };
    await service.publish(again);
    await waitFor(
      async () => (await service.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [again.event_id])).length === 1,
      { what: 'repeated cycle.created processed' },
    );
    const second = await createCycle(user, sessionId);
    await waitFor(async () => (await user.get(`/api/sessions/${sessionId}`)).body.cycle_ids.length >= 2, { what: 'second cycle listed' });

    expect((await user.get(`/api/sessions/${sessionId}`)).body.cycle_ids).toEqual([cycleId, second]);
  });

  it('the extraction handler joins the delivery\'s transaction: a domain refusal is returned from inside the unit (recorded, the delivery commits), an error thrown out of it rolls the whole delivery back even when caught', async () => {
    const target = await startedComponent('extract-joined');
    const handler = service.app.get(ApplyExtractedOutputHandler);
    const scope = service.app.get(TransactionScope);
    const processed = async (eventId: string) =>
      (await service.dataSource.query('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [eventId]))[0].n as number;
    /** As the transport runs a delivery: its processed_events row, then the handler inside the same (ambient) transaction. */
    const deliver = (extraction: ExtractedOutput, swallow = false) =>
      scope.run(async (manager) => {
        await manager.query('INSERT INTO processed_events (event_id, handler) VALUES ($1, $2)', [extraction.eventId, 'joined-spec']);
        const done = handler.execute(new ApplyExtractedOutputCommand(extraction, { correlationId: uuidv7(), causationId: extraction.eventId, userId: 'extract-joined' }));
        await (swallow ? done.catch(() => undefined) : done);
      });
    const base = { conversationId: uuidv7(), sessionId: target.sessionId, cycleId: target.cycleId, componentId: target.componentId, componentType: 'issue_raising' as const, userId: 'extract-joined' };
    const outboxBefore = await service.outboxCount();

    // An output the contract would have refused, so the domain's parser throws INVALID_OUTPUT inside the unit.
    const refused = { ...base, eventId: uuidv7(), output: { potential_decisions: 'not a list' } };
    await deliver(refused);
    expect(await recordOf(refused.eventId)).toEqual({ outcome: 'ignored', reason: 'INVALID_OUTPUT' });
    expect(await processed(refused.eventId)).toBe(1);
    expect(await service.outboxCount()).toBe(outboxBefore);

    // A cycle id PostgreSQL cannot read: the query throws out of the unit; the caller swallows it, the delivery still rolls back.
    const broken = { ...base, eventId: uuidv7(), cycleId: 'not-a-uuid', output: VALID_OUTPUTS.issue_raising };
    await expect(deliver(broken, true)).rejects.toThrow(/uuid/);
    expect(await processed(broken.eventId)).toBe(0);
    expect(await recordOf(broken.eventId)).toBeUndefined();
    const untouched = await expectStatus(200, target.user.get(`/api/cycles/${target.cycleId}`));
    expect(untouched.components[0].output).toBeNull();
  });

  it('parks a malformed entry on its stream as a dead letter with the reason, and keeps consuming', async () => {
    const target = await startedComponent('after-poison');
    const valid = extraction(target, VALID_OUTPUTS.issue_raising, 'after-poison');
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // Same partition as the valid event that follows, so the consumer must get past the poison to reach it.
      const stream = streamFor(service.layout, valid.aggregate_id);
      await redis.xadd(stream, '*', 'type', 'conversation.data_extracted', 'data', '{not json');
      await redis.xadd(stream, '*', 'type', 'conversation.data_extracted', 'data', JSON.stringify({ ...valid, event_id: uuidv7(), payload: { ...valid.payload, output: 'nope' } }));
    } finally {
      await redis.quit();
    }
    await service.publish(valid);

    await waitFor(async () => (await recordOf(valid.event_id))?.outcome === 'applied', { what: 'the valid event after the poison applied' });
    const letters: { reason_code: string }[] = await service.dataSource.query('SELECT reason_code FROM dead_letter_events ORDER BY id');
    expect(letters.map((l) => l.reason_code).sort()).toEqual(['invalid_payload', 'not_json']);
  });
});
