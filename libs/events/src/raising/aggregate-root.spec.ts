import { AggregateRoot } from './aggregate-root';

class Probe extends AggregateRoot {
  constructor() {
    super('0192f0a0-0000-7000-8000-000000000001', 3);
  }
  archive(at: Date) {
    this.raise('session.archived', { session_id: this.id, archived_at: at.toISOString() }, at);
  }
}

describe('AggregateRoot', () => {
  const metadata = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1', causationId: null };

  it('turns raised events into pending events with the caller metadata, oldest first, and clears them', () => {
    const probe = new Probe();
    const first = new Date('2026-01-01T00:00:00.000Z');
    probe.archive(first);
    probe.archive(new Date('2026-01-01T00:00:01.000Z'));
    expect(probe.hasUnpulledEvents).toBe(true);
    const events = probe.pullEvents(metadata);
    expect(events.map((e) => e.occurred_at)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z']);
    expect(events[0]).toMatchObject({
      event_type: 'session.archived',
      aggregate_id: probe.id,
      aggregate_type: 'session',
      schema_version: 1,
      metadata: { correlation_id: metadata.correlationId, user_id: 'user-1', causation_id: null, trace_id: null },
    });
    expect(events[0].event_id).not.toBe(events[1].event_id);
    expect(probe.pullEvents(metadata)).toEqual([]);
    expect(probe.hasUnpulledEvents).toBe(false);
  });

  it('keeps the loaded version (the repository bumps it)', () => {
    const probe = new Probe();
    probe.archive(new Date());
    expect(probe.version).toBe(3);
  });
});
