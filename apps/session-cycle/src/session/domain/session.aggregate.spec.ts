import { validatePendingEvent } from '@choice-sherpa/events/parse';
import { DomainError } from '../../shared/domain/domain-errors';
import { Session } from './session.aggregate';

const SESSION = '0192f0a0-0000-7000-8000-000000000001';
const CYCLE_A = '0192f0a0-0000-7000-8000-00000000000a';
const CYCLE_B = '0192f0a0-0000-7000-8000-00000000000b';
const META = { correlationId: '0192f0a0-0000-7000-8000-0000000000aa', userId: 'user-1' };
const T0 = new Date('2026-01-01T10:00:00.000Z');

function newSession(): Session {
  const session = Session.create({ id: SESSION, ownerId: 'user-1', title: 'Which job offer?', now: T0 });
  session.pullEvents(META);
  return session;
}

function refusal(session: Session, command: () => unknown): { code: string; rule?: string; details?: unknown } {
  const before = session.toSnapshot();
  const eventsBefore = session.raisedEvents.length;
  try {
    command();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(session.toSnapshot()).toEqual(before);
    expect(session.raisedEvents).toHaveLength(eventsBefore);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('Session.create', () => {
  it('trims the title and raises session.created with the owner', () => {
    const session = Session.create({ id: SESSION, ownerId: 'user-1', title: '  Which job offer?  ', description: '  two offers  ', now: T0 });
    expect(session).toMatchObject({ title: 'Which job offer?', description: 'two offers', status: 'active', ownerId: 'user-1', cycleIds: [] });
    const events = session.pullEvents(META);
    expect(events.map((e) => [e.event_type, e.aggregate_type, e.payload])).toEqual([
      ['session.created', 'session', { session_id: SESSION, user_id: 'user-1', title: 'Which job offer?', created_at: T0.toISOString() }],
    ]);
    expect(validatePendingEvent(events[0])).toEqual({ ok: true });
  });

  it('accepts titles of 1 and 500 characters, and a blank description as none', () => {
    expect(Session.create({ ownerId: 'u', title: 'x' }).title).toBe('x');
    expect(Session.create({ ownerId: 'u', title: 'x'.repeat(500) }).title).toHaveLength(500);
    expect(Session.create({ ownerId: 'u', title: 'x', description: '   ' }).description).toBeNull();
  });

  it.each([
    ['', 'must not be blank'],
    ['    ', 'must not be blank'],
    ['x'.repeat(501), 'too long (at most 500 characters)'],
  ])('refuses the title %j', (title, message) => {
    try {
      Session.create({ ownerId: 'u', title });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', kind: 'validation', rule: 'SessionTitle', details: [{ field: 'title', message }] });
    }
  });

  it('refuses a blank or oversized owner id', () => {
    for (const ownerId of ['', '  ', 'u'.repeat(201)]) {
      expect(() => Session.create({ ownerId, title: 't' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', rule: 'UserId' }));
    }
  });

  it('refuses a non-string title and an oversized description', () => {
    expect(() => Session.create({ ownerId: 'u', title: 42 as never })).toThrow(/title must be a string/);
    expect(() => Session.create({ ownerId: 'u', title: 't', description: 'x'.repeat(5001) })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('rename', () => {
  it('raises session.renamed with old and new titles', () => {
    const session = newSession();
    session.rename('  Which offer, really?  ');
    expect(session.title).toBe('Which offer, really?');
    expect(session.pullEvents(META).map((e) => [e.event_type, e.payload])).toEqual([
      ['session.renamed', { session_id: SESSION, old_title: 'Which job offer?', new_title: 'Which offer, really?' }],
    ]);
  });

  it('raises nothing when the title does not change', () => {
    const session = newSession();
    session.rename(' Which job offer? ');
    expect(session.raisedEvents).toEqual([]);
  });

  it('refuses an invalid title, and any rename of an archived session', () => {
    const session = newSession();
    expect(refusal(session, () => session.rename('')).code).toBe('VALIDATION_FAILED');
    session.archive();
    expect(refusal(session, () => session.rename('New')).code).toBe('SESSION_ARCHIVED');
  });
});

describe('description', () => {
  it('changes without an event, and needs an active session', () => {
    const session = newSession();
    session.changeDescription('  more context ');
    expect(session.description).toBe('more context');
    session.changeDescription(null);
    expect(session.description).toBeNull();
    expect(session.raisedEvents).toEqual([]);
    session.archive();
    expect(refusal(session, () => session.changeDescription('x')).code).toBe('SESSION_ARCHIVED');
  });
});

describe('archive', () => {
  it('archives once and raises session.archived', () => {
    const at = new Date('2026-01-02T00:00:00.000Z');
    const session = newSession();
    session.archive(at);
    expect(session).toMatchObject({ status: 'archived', isActive: false, archivedAt: at });
    expect(session.pullEvents(META).map((e) => [e.event_type, e.payload])).toEqual([['session.archived', { session_id: SESSION, archived_at: at.toISOString() }]]);
  });

  it('is final: archiving again is an invalid transition', () => {
    const session = newSession();
    session.archive();
    const error = refusal(session, () => session.archive());
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', rule: 'SessionArchivable' });
  });

  it('an archived session accepts no new cycle', () => {
    const session = newSession();
    session.assertAcceptsNewCycle();
    session.archive();
    expect(refusal(session, () => session.assertAcceptsNewCycle()).code).toBe('SESSION_ARCHIVED');
  });
});

describe('cycle list', () => {
  it('records cycle ids in order, idempotently, without events', () => {
    const session = newSession();
    expect(session.addCycle(CYCLE_A)).toBe(true);
    expect(session.addCycle(CYCLE_B)).toBe(true);
    expect(session.addCycle(CYCLE_A)).toBe(false);
    expect(session.cycleIds).toEqual([CYCLE_A, CYCLE_B]);
    expect(session.cycleCount).toBe(2);
    expect(session.raisedEvents).toEqual([]);
  });

  it('still records a cycle after the session was archived (the cycle exists)', () => {
    const session = newSession();
    session.archive();
    expect(session.addCycle(CYCLE_A)).toBe(true);
  });
});

describe('ownership and snapshots', () => {
  it('is owned by its creator only', () => {
    const session = newSession();
    expect(session.isOwnedBy('user-1')).toBe(true);
    expect(session.isOwnedBy('user-2')).toBe(false);
  });

  it('round-trips through a snapshot without events', () => {
    const session = newSession();
    session.addCycle(CYCLE_A);
    const snapshot = { ...session.toSnapshot(), version: 7 };
    const restored = Session.fromSnapshot(snapshot);
    expect(restored.toSnapshot()).toEqual(snapshot);
    expect(restored.raisedEvents).toEqual([]);
    expect(() => Session.fromSnapshot({ ...snapshot, status: 'gone' as never })).toThrow(/corrupt session snapshot/);
  });

  it('hands out copies of its cycle list', () => {
    const session = newSession();
    session.cycleIds.push(CYCLE_A);
    expect(session.cycleIds).toEqual([]);
  });
});
