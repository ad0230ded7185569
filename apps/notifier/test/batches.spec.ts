import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import { notificationKey } from '../src/notifications/domain/notification';
import { NotifierEvents } from './support/notifier-events';
import { NotifierTestApp } from './support/notifier-test-app';

const SUMMARY_HANDLER = 'project-cycle-summary-facts';
const PARTITIONS = 2; // NotifierTestApp's STREAM_PARTITIONS

/** A title the database refuses (a trigger of this test), so the handler of that one event throws. */
const REFUSE_POISON = [
  `CREATE FUNCTION refuse_poison_title() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN IF NEW.title = 'poison' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
  'CREATE TRIGGER refuse_poison_title BEFORE INSERT OR UPDATE ON summary_sessions FOR EACH ROW EXECUTE FUNCTION refuse_poison_title()',
];

/** Sessions created then renamed, and new members: a backlog the consumer's first read of each partition takes at once. */
function backlog(events: NotifierEvents, sessions: number, poisonAt?: number) {
  const created = Array.from({ length: sessions }, (_, i) => events.sessionCreated(`user-${randomUUID()}`, `Session ${i}`));
  const renamed = created.map((event, i) => events.sessionRenamed(event.payload.session_id, event.payload.user_id, `Session ${i}`, i === poisonAt ? 'poison' : `Renamed ${i}`));
  const members = Array.from({ length: 3 }, () => events.membershipCreated(`user-${randomUUID()}`, `m${randomUUID().slice(0, 8)}@example.test`));
  return { created, renamed, members, all: [...created, ...members, ...renamed] };
}

describe('notifier batch handlers: a read applied in one transaction (real PostgreSQL and Redis Streams)', () => {
  const events = new NotifierEvents();
  let notifier: NotifierTestApp | undefined;
  afterEach(async () => {
    await notifier?.close();
    notifier = undefined;
  });

  const titles = async (ids: string[]) => {
    const rows = await notifier!.query<{ session_id: string; title: string }>('SELECT session_id, title FROM summary_sessions WHERE session_id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.session_id, row.title]));
  };

  it('applies a backlog once each, in per-session order, one transaction per read', async () => {
    const { created, renamed, members, all } = backlog(events, 12);
    notifier = await NotifierTestApp.start({ backlog: all });
    const sessionIds = created.map((event) => event.payload.session_id);

    const applied = await waitFor(async () => {
      const found = await titles(sessionIds);
      return [...found.values()].every((title) => title.startsWith('Renamed')) && found.size === sessionIds.length ? found : undefined;
    }, { timeoutMs: 20_000, what: 'every session renamed' });

    expect(sessionIds.map((id) => applied.get(id))).toEqual(sessionIds.map((_, i) => `Renamed ${i}`));
    const welcome = await waitFor(async () => {
      const rows = (await notifier!.notifications()).filter((row) => row.kind === 'welcome');
      return rows.length >= members.length ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'the welcome notifications' });
    expect(welcome.map((row) => row.notification_key).sort()).toEqual(members.map((event) => notificationKey('welcome', event.event_id)).sort());
    const processed = await notifier.query<{ event_id: string; processed_at: Date }>('SELECT event_id, processed_at FROM processed_events WHERE handler = $1', [SUMMARY_HANDLER]);
    expect(processed.map((row) => row.event_id).sort()).toEqual([...created, ...renamed].map((event) => event.event_id).sort());
    // now() is the transaction's start: one value per read that carried events (the first read of each partition)
    expect(new Set(processed.map((row) => row.processed_at.getTime())).size).toBeLessThanOrEqual(PARTITIONS);
    expect(await notifier.query('SELECT event_id FROM dead_letter_events')).toEqual([]);
  });

  it('dead-letters the one event whose handler throws and applies every other event of its read exactly once', async () => {
    const { created, renamed, members, all } = backlog(events, 12, 5);
    notifier = await NotifierTestApp.start({ backlog: all, setupSql: REFUSE_POISON });
    const poison = renamed[5];

    const [letter] = await waitFor(async () => {
      const rows = await notifier!.query<{ event_id: string; handler: string; reason_code: string }>('SELECT event_id, handler, reason_code FROM dead_letter_events');
      return rows.length > 0 ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'the dead letter' });
    expect(letter).toEqual({ event_id: poison.event_id, handler: SUMMARY_HANDLER, reason_code: 'handler_failed' });

    const sessionIds = created.map((event) => event.payload.session_id);
    const applied = await waitFor(async () => {
      const found = await titles(sessionIds);
      return [...found.values()].filter((title) => title.startsWith('Renamed')).length === sessionIds.length - 1 ? found : undefined;
    }, { timeoutMs: 20_000, what: 'every other session renamed' });
    expect(sessionIds.map((id) => applied.get(id))).toEqual(sessionIds.map((_, i) => (i === 5 ? 'Session 5' : `Renamed ${i}`)));
    const processed = await notifier.query<{ event_id: string }>('SELECT event_id FROM processed_events WHERE handler = $1', [SUMMARY_HANDLER]);
    expect(processed.map((row) => row.event_id).sort()).toEqual([...created, ...renamed].filter((event) => event !== poison).map((event) => event.event_id).sort());
    const welcome = await waitFor(async () => {
      const rows = (await notifier!.notifications()).filter((row) => row.kind === 'welcome');
      return rows.length >= members.length ? rows : undefined;
    }, { timeoutMs: 20_000, what: 'the welcome notifications' });
    expect(welcome).toHaveLength(members.length);
    expect(await notifier.query('SELECT count(*)::int AS n FROM dead_letter_events')).toEqual([{ n: 1 }]);
  });
});
