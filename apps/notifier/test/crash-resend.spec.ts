import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createTestDatabase, freePort, TEST_REDIS_URL, TestDatabase, testPlatformEnv, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import { ReceivedMail, SmtpTestServer } from '@choice-sherpa/platform/testing/smtp-test-server';
import { ServiceProcess } from '../../../test/support/service-process';
import { NotifierEvents } from './support/notifier-events';
import { TEST_MAIL_FROM } from './support/notifier-test-app';

/**
 * The compiled notifier (`dist/apps/notifier/src/main.js`; run `npm run build` first) killed in the one window that
 * matters: after the SMTP server accepted a message and before the notifier marked it sent. The test's SMTP server
 * makes the window deterministic: it freezes the notifier (SIGSTOP) before it answers 250, answers, then SIGKILLs it,
 * so the 250 is never read and the row never marked.
 */
describe('notifier killed between the SMTP accept and the mark', () => {
  const events = new NotifierEvents();
  let database: TestDatabase;
  let smtp: SmtpTestServer;
  let notifier: ServiceProcess;
  let publisher: RedisStreamsClient;
  let db: Client;
  const streamPrefix = uniqueName('notif-crash');
  const target = `crash-${randomUUID().slice(0, 8)}@example.test`;
  let killArmed = true;

  beforeAll(async () => {
    database = await createTestDatabase('notifier_crash');
    const freezeTarget = (mail: ReceivedMail) => killArmed && mail.envelopeTo.includes(target);
    smtp = await SmtpTestServer.start({
      beforeAccept: (mail) => {
        if (freezeTarget(mail)) process.kill(notifier.pid!, 'SIGSTOP');
      },
      afterAccept: (mail) => {
        if (!freezeTarget(mail)) return;
        killArmed = false;
        void notifier.kill();
      },
    });
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...testPlatformEnv({ databaseUrl: database.url, streamPrefix, STREAM_PARTITIONS: '2', LOG_LEVEL: 'info', SMTP_URL: smtp.url, MAIL_FROM: TEST_MAIL_FROM, MAIL_RETRY_BASE_MS: '50', MAIL_RETRY_MAX_MS: '500' }),
    };
    notifier = new ServiceProcess('notifier', await freePort(), env);
    publisher = new RedisStreamsClient({ url: TEST_REDIS_URL, layout: { prefix: streamPrefix, partitions: 2 } });
    db = new Client({ connectionString: database.url });
    notifier.start();
    await notifier.waitReady(60_000);
    await db.connect();
  }, 90_000);

  afterAll(async () => {
    await notifier?.stop();
    await db?.end();
    const redis = await publisher.connect();
    const keys = await redis.keys(`${streamPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await publisher.close();
    await smtp?.stop();
    await database?.drop();
  });

  const rowOf = async (eventId: string) =>
    (await db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM notifications WHERE source_event_id = $1', [eventId])).rows[0];

  it('resends the message once after the restart, with the same Message-ID, and marks it sent', async () => {
    const created = events.membershipCreated(`user-${randomUUID()}`, target);
    await publisher.publishEvent(created);
    await waitFor(() => notifier.exits.length === 1, { timeoutMs: 30_000, what: 'the notifier killed in the window' });
    expect(notifier.exits).toEqual(['signal SIGKILL']);
    expect(smtp.to(target)).toHaveLength(1);
    expect(await rowOf(created.event_id)).toEqual({ state: 'pending', attempts: 0 });

    notifier.start();
    await notifier.waitReady(60_000);
    await waitFor(() => smtp.to(target).length === 2, { timeoutMs: 30_000, what: 'the resend' });
    // Another message of the same membership after it: by then any further resend would have arrived.
    const marker = events.membershipUpgraded(created.payload.membership_id, created.payload.user_id, target, 'monthly', 'annual');
    await publisher.publishEvent(marker);
    await waitFor(() => smtp.to(target).length === 3, { timeoutMs: 30_000, what: 'the marker email' });

    const [first, resent, next] = smtp.to(target);
    expect(resent.parsed.messageId).toBe(first.parsed.messageId);
    expect(first.parsed.messageId).toBe(`<welcome.${created.event_id}@mail.choice-sherpa.test>`);
    expect(resent.parsed.subject).toBe(first.parsed.subject);
    expect(resent.parsed.text).toBe(first.parsed.text);
    expect(next.parsed.messageId).toBe(`<membership_upgraded.${marker.event_id}@mail.choice-sherpa.test>`);
    await waitFor(async () => (await rowOf(marker.event_id))?.state === 'sent', { what: 'the marker marked sent' });
    expect(await rowOf(created.event_id)).toEqual({ state: 'sent', attempts: 1 });
    expect(notifier.logTail(400)).not.toContain(target);
  });
});
