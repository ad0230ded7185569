import { sampleAggregateId, samplePayload, SAMPLE_IDS } from '../catalog/testing/sample-payloads';
import type { EventType } from '../catalog/event-types';
import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { createEvent } from '../raising/event-factory';
import { causedBy } from '../envelope/event-metadata';
import { InvalidEventError } from '../parse/validate-pending-event';
import { InMemoryEventBus } from './in-memory-event-bus';

function event(type: EventType, aggregateId = sampleAggregateId(type)): PendingEvent {
  return createEvent(type, { aggregateId, payload: samplePayload(type), metadata: { correlationId: 'corr-1' } });
}

describe('InMemoryEventBus', () => {
  let bus: InMemoryEventBus;
  let seen: string[];
  let failures: Array<{ error: unknown; event_id: string }>;

  beforeEach(() => {
    failures = [];
    seen = [];
    bus = new InMemoryEventBus({ onHandlerError: (error, failed) => failures.push({ error, event_id: failed.event_id }) });
  });

  it('delivers an event to every subscriber of its type, in subscription order, and not to others', async () => {
    bus.subscribe('cycle.created', () => void seen.push('first'));
    bus.subscribe('cycle.created', () => void seen.push('second'));
    bus.subscribe('session.created', () => void seen.push('other'));

    await bus.publish(event('cycle.created'));

    expect(seen).toEqual(['first', 'second']);
  });

  it('awaits each handler before the next one and delivers events in publish order', async () => {
    bus.subscribe(['cycle.created', 'cycle.archived'], async (e) => {
      seen.push(`start ${e.event_type}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(`end ${e.event_type}`);
    });
    bus.subscribe(['cycle.created', 'cycle.archived'], (e) => void seen.push(`second ${e.event_type}`));

    await bus.publishAll([event('cycle.created'), event('cycle.archived')]);

    expect(seen).toEqual([
      'start cycle.created',
      'end cycle.created',
      'second cycle.created',
      'start cycle.archived',
      'end cycle.archived',
      'second cycle.archived',
    ]);
  });

  it('keeps publish order for publishes that are not awaited one by one', async () => {
    bus.subscribeAll(async (e) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(e.event_type);
    });

    await Promise.all([bus.publish(event('session.created')), bus.publish(event('cycle.created')), bus.publish(event('cycle.archived'))]);

    expect(seen).toEqual(['session.created', 'cycle.created', 'cycle.archived']);
  });

  it("'*' and subscribeAll receive every type; a list subscription receives only its types", async () => {
    bus.subscribe('*', (e) => void seen.push(`star ${e.event_type}`));
    bus.subscribeAll((e) => void seen.push(`all ${e.event_type}`));
    bus.subscribe(['membership.created', 'membership.cancelled'], (e) => void seen.push(`list ${e.event_type}`));

    await bus.publishAll([event('membership.created'), event('membership.upgraded'), event('membership.cancelled')]);

    expect(seen).toEqual([
      'star membership.created',
      'all membership.created',
      'list membership.created',
      'star membership.upgraded',
      'all membership.upgraded',
      'star membership.cancelled',
      'all membership.cancelled',
      'list membership.cancelled',
    ]);
  });

  it('stops delivering to a handler once unsubscribed, for all the types it listed', async () => {
    const unsubscribe = bus.subscribe(['cycle.created', 'cycle.archived'], (e) => void seen.push(e.event_type));
    await bus.publish(event('cycle.created'));

    unsubscribe();
    await bus.publishAll([event('cycle.created'), event('cycle.archived')]);

    expect(seen).toEqual(['cycle.created']);
  });

  it('a failing handler does not stop the others and is reported with the event', async () => {
    const boom = new Error('handler broke');
    bus.subscribe('cycle.created', () => void seen.push('before'));
    bus.subscribe('cycle.created', () => {
      throw boom;
    });
    bus.subscribe('cycle.created', async () => Promise.reject(new Error('async broke')));
    bus.subscribe('cycle.created', () => void seen.push('after'));
    const published = event('cycle.created');

    await expect(bus.publish(published)).resolves.toBeUndefined();

    expect(seen).toEqual(['before', 'after']);
    expect(failures.map((f) => [(f.error as Error).message, f.event_id])).toEqual([
      ['handler broke', published.event_id],
      ['async broke', published.event_id],
    ]);
  });

  it('keeps delivering when the error reporter itself throws', async () => {
    const quiet = new InMemoryEventBus({
      onHandlerError: () => {
        throw new Error('reporter broke');
      },
    });
    quiet.subscribe('cycle.created', () => {
      throw new Error('handler broke');
    });
    quiet.subscribe('cycle.created', () => void seen.push('still delivered'));

    await quiet.publish(event('cycle.created'));

    expect(seen).toEqual(['still delivered']);
  });

  it('reports through the Nest logger by default, with ids only', async () => {
    const { Logger } = await import('@nestjs/common');
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const plain = new InMemoryEventBus();
    plain.subscribe('session.created', () => {
      throw new Error('secret title inside');
    });
    const published = event('session.created');

    await plain.publish(published);

    expect(logged).toHaveBeenCalledTimes(1);
    const [message] = logged.mock.calls[0] as [Record<string, unknown>];
    expect(message).toMatchObject({ event_id: published.event_id, event_type: 'session.created' });
    expect(JSON.stringify(logged.mock.calls)).not.toContain('secret');
    logged.mockRestore();
  });

  it('an event published from a handler is delivered after the current one, and awaiting it does not deadlock', async () => {
    bus.subscribe('component.started', async (parent) => {
      seen.push('component.started');
      await bus.publish(
        createEvent('conversation.started', {
          aggregateId: SAMPLE_IDS.conversation,
          payload: samplePayload('conversation.started'),
          metadata: causedBy(parent),
        }),
      );
      seen.push('component.started handled');
    });
    bus.subscribe('conversation.started', () => void seen.push('conversation.started'));

    await bus.publish(event('component.started'));

    expect(seen).toEqual(['component.started', 'component.started handled', 'conversation.started']);
    const [parent, child] = bus.publishedEvents();
    expect(child.metadata).toMatchObject({ correlation_id: 'corr-1', causation_id: parent.event_id });
  });

  it('assigns per-aggregate sequences to events that have none, and keeps given ones', async () => {
    await bus.publishAll([event('cycle.created', SAMPLE_IDS.cycle), event('cycle.created', SAMPLE_IDS.parentCycle)]);
    await bus.publish({ ...event('cycle.archived', SAMPLE_IDS.cycle), sequence: 5 } as EventEnvelope);
    await bus.publish(event('cycle.completed', SAMPLE_IDS.cycle));

    expect(bus.publishedEvents().map((e) => [e.aggregate_id, e.sequence])).toEqual([
      [SAMPLE_IDS.cycle, 1],
      [SAMPLE_IDS.parentCycle, 1],
      [SAMPLE_IDS.cycle, 5],
      [SAMPLE_IDS.cycle, 6],
    ]);
  });

  it('refuses an invalid event, so handlers never see one', async () => {
    bus.subscribeAll(() => void seen.push('delivered'));
    const invalid = { ...event('cycle.created'), payload: { cycle_id: 'x' } };

    await expect(bus.publish(invalid)).rejects.toBeInstanceOf(InvalidEventError);

    expect(seen).toEqual([]);
    expect(bus.publishedEvents()).toEqual([]);
  });

  it('publishedEvents, eventsOfType and clear expose what was published', async () => {
    await bus.publishAll([event('cycle.created'), event('session.created'), event('cycle.created')]);

    expect(bus.publishedEvents().map((e) => e.event_type)).toEqual(['cycle.created', 'session.created', 'cycle.created']);
    const cycles = bus.eventsOfType('cycle.created');
    expect(cycles).toHaveLength(2);
    expect(cycles[0].payload.parent_cycle_id).toBeNull();

    bus.clear();

    expect(bus.publishedEvents()).toEqual([]);
    expect(bus.eventsOfType('cycle.created')).toEqual([]);
  });
});
