import { validate as isUuid, version as uuidVersion } from 'uuid';
import { EventTypes } from '../catalog/event-types';
import { samplePayload, SAMPLE_IDS } from '../catalog/testing/sample-payloads';
import type { EventEnvelope } from '../envelope/event-envelope';
import { createEvent } from './event-factory';
import { causedBy } from '../envelope/event-metadata';

describe('createEvent', () => {
  const base = {
    aggregateId: SAMPLE_IDS.cycle,
    payload: samplePayload('component.started'),
    metadata: { correlationId: 'corr-1' },
  };

  it('fills a UUID v7 event id, the aggregate type from the registry and the current schema version', () => {
    const event = createEvent(EventTypes.ComponentStarted, base);

    expect(isUuid(event.event_id)).toBe(true);
    expect(uuidVersion(event.event_id)).toBe(7);
    expect(event.event_type).toBe('component.started');
    expect(event.aggregate_type).toBe('cycle');
    expect(event.aggregate_id).toBe(SAMPLE_IDS.cycle);
    expect(event.schema_version).toBe(1);
    expect(event).not.toHaveProperty('sequence');
  });

  it('takes the aggregate type of each module from the registry', () => {
    const session = createEvent('session.created', { ...base, aggregateId: SAMPLE_IDS.session, payload: samplePayload('session.created') });
    const membership = createEvent('membership.created', { ...base, payload: samplePayload('membership.created') });
    const conversation = createEvent('conversation.started', { ...base, payload: samplePayload('conversation.started') });

    expect([session.aggregate_type, membership.aggregate_type, conversation.aggregate_type]).toEqual(['session', 'membership', 'conversation']);
  });

  it('orders event ids by creation time', () => {
    const ids = Array.from({ length: 50 }, () => createEvent('component.started', base).event_id);

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });

  it('writes occurred_at as RFC 3339 UTC, from the given time or now', () => {
    const given = createEvent('component.started', { ...base, occurredAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) });
    const before = Date.now();
    const now = createEvent('component.started', base);

    expect(given.occurred_at).toBe('2026-01-02T03:04:05.006Z');
    expect(now.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(now.occurred_at)).toBeGreaterThanOrEqual(before);
  });

  it('maps camelCase metadata to snake_case with null for what is absent', () => {
    const bare = createEvent('component.started', base);
    const full = createEvent('component.started', {
      ...base,
      metadata: { correlationId: 'c', causationId: 'e', userId: 'u', traceId: 't' },
    });

    expect(bare.metadata).toEqual({ correlation_id: 'corr-1', causation_id: null, user_id: null, trace_id: null });
    expect(full.metadata).toEqual({ correlation_id: 'c', causation_id: 'e', user_id: 'u', trace_id: 't' });
  });
});

describe('causedBy', () => {
  const parent = createEvent('component.started', {
    aggregateId: SAMPLE_IDS.cycle,
    payload: samplePayload('component.started'),
    metadata: { correlationId: 'corr-7', userId: 'user-7', traceId: 'trace-7' },
  });

  it('an event raised by a handler keeps the correlation and user and is caused by the parent event', () => {
    const child = createEvent('conversation.started', {
      aggregateId: SAMPLE_IDS.conversation,
      payload: samplePayload('conversation.started'),
      metadata: causedBy(parent),
    });

    expect(child.metadata).toEqual({ correlation_id: 'corr-7', causation_id: parent.event_id, user_id: 'user-7', trace_id: 'trace-7' });
  });

  it('propagates through a chain: the grandchild has the same correlation and its own parent as cause', () => {
    const child = createEvent('conversation.started', {
      aggregateId: SAMPLE_IDS.conversation,
      payload: samplePayload('conversation.started'),
      metadata: causedBy(parent),
    });
    const grandchild = createEvent('conversation.message_sent', {
      aggregateId: SAMPLE_IDS.conversation,
      payload: samplePayload('conversation.message_sent'),
      metadata: causedBy(child),
    });

    expect(grandchild.metadata.correlation_id).toBe('corr-7');
    expect(grandchild.metadata.causation_id).toBe(child.event_id);
  });

  it('lets the handler override user and trace but never the cause', () => {
    const metadata = causedBy(parent, { userId: null, traceId: 'trace-8' });

    expect(metadata).toEqual({ correlationId: 'corr-7', causationId: parent.event_id, userId: null, traceId: 'trace-8' });
  });

  it('starts the correlation at the parent event id when the parent had none', () => {
    const orphan = { event_id: parent.event_id, metadata: { ...parent.metadata, correlation_id: null } } as EventEnvelope;

    expect(causedBy(orphan).correlationId).toBe(parent.event_id);
  });
});
