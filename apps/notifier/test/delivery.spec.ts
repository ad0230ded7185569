import { randomUUID } from 'node:crypto';
import { SmtpTestServer } from '@choice-sherpa/platform/testing/smtp-test-server';
import { waitFor } from '@choice-sherpa/platform/testing';
import { NotifierEvents } from './support/notifier-events';
import { NotifierTestApp } from './support/notifier-test-app';

const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

describe('notifier delivery (real PostgreSQL, Redis Streams and SMTP)', () => {
  const events = new NotifierEvents();

  describe('with a working mail server', () => {
    const rejected = new Set<string>();
    const deferredOnce = new Map<string, number>();
    let smtp: SmtpTestServer;
    let notifier: NotifierTestApp;

    beforeAll(async () => {
      smtp = await SmtpTestServer.start({
        onRecipient: (to) => {
          if (rejected.has(to)) return { code: 550, message: `5.1.1 <${to}>: Recipient address rejected` };
          const deferrals = deferredOnce.get(to);
          if (deferrals) {
            deferredOnce.set(to, deferrals - 1);
            return { code: 450, message: `4.2.0 <${to}>: Greylisted, try again later` };
          }
          return undefined;
        },
      });
      notifier = await NotifierTestApp.start({ smtpUrl: smtp.url });
    });
    afterAll(async () => {
      await notifier?.close();
      await smtp?.stop();
    });

    it('sends exactly one email per event when the event is delivered again', async () => {
      const email = address('twice');
      const created = events.membershipCreated(`user-${randomUUID()}`, email);
      await notifier.publish(created, created, created);
      // A later event of the same membership (same partition, after the copies) marks the end of the redeliveries.
      const marker = events.membershipUpgraded(created.payload.membership_id, created.payload.user_id, email, 'monthly', 'annual');
      await notifier.publish(created, marker);
      await waitFor(() => smtp.to(email).some((mail) => mail.parsed.messageId?.includes(marker.event_id)), { timeoutMs: 20_000, what: 'the marker email' });
      await waitFor(async () => (await notifier.notifications()).filter((row) => row.state === 'pending').length === 0, { timeoutMs: 10_000, what: 'an empty queue' });
      expect(smtp.to(email).map((mail) => mail.parsed.subject)).toEqual(['Welcome to Choice Sherpa', 'Your Choice Sherpa membership is now Annual']);
      const keys = (await notifier.notifications()).map((row) => row.notification_key).filter((key) => key.endsWith(created.event_id));
      expect(keys).toEqual([`welcome:${created.event_id}`]);
    });

    it('records a 5xx as failed, never retries it, and keeps delivering the others; the admin list shows metadata only', async () => {
      const bad = address('rejected');
      const good = address('after');
      rejected.add(bad);
      const refused = events.membershipCreated(`user-${randomUUID()}`, bad);
      await notifier.publish(refused);
      // Queued after the refused one, so the ordered sender has tried the refused one by the time this one arrives.
      await waitFor(async () => (await notifier.notifications()).some((n) => n.notification_key === `welcome:${refused.event_id}`), { what: 'the refused one queued' });
      await notifier.publish(events.membershipCreated(`user-${randomUUID()}`, good));
      await waitFor(() => smtp.to(good).length === 1, { timeoutMs: 20_000, what: 'the email after the rejected one' });
      const row = (await notifier.notifications()).find((n) => n.notification_key === `welcome:${refused.event_id}`)!;
      expect(row).toMatchObject({ state: 'failed', attempts: 1, last_error: '550 5.1.1 RCPT TO EENVELOPE' });
      expect(smtp.recipientsTried.filter((to) => to === bad)).toHaveLength(1);
      expect(smtp.to(bad)).toEqual([]);

      const admin = await notifier.request('GET', '/admin/notifications?state=failed', { userId: 'ops', roles: ['admin'] });
      expect(admin.status).toBe(200);
      const item = admin.body.items.find((entry: { source_event_id: string }) => entry.source_event_id === refused.event_id);
      expect(item).toMatchObject({ kind: 'welcome', state: 'failed', attempts: 1, last_error: '550 5.1.1 RCPT TO EENVELOPE', user_id: refused.payload.user_id });
      expect(Object.keys(item).sort()).toEqual(['attempts', 'correlation_id', 'created_at', 'finished_at', 'id', 'kind', 'last_error', 'next_attempt_at', 'source_event_id', 'state', 'user_id']);
      expect(JSON.stringify(admin.body)).not.toContain('@example.test');
      expect(admin.body.items.every((entry: { state: string }) => entry.state === 'failed')).toBe(true);
      expect(admin.body.total).toBeGreaterThanOrEqual(1);
    });

    it('retries a message the server defers (4xx) with backoff until it is accepted', async () => {
      const greylisted = address('greylisted');
      deferredOnce.set(greylisted, 2);
      const created = events.membershipCreated(`user-${randomUUID()}`, greylisted);
      await notifier.publish(created);
      await waitFor(() => smtp.to(greylisted).length === 1, { timeoutMs: 20_000, what: 'the greylisted email' });
      expect(smtp.recipientsTried.filter((to) => to === greylisted)).toHaveLength(3);
      const row = (await notifier.notifications()).find((n) => n.notification_key === `welcome:${created.event_id}`)!;
      await waitFor(async () => (await notifier.notifications()).find((n) => n.id === row.id)?.state === 'sent', { what: 'the row marked sent' });
      expect((await notifier.notifications()).find((n) => n.id === row.id)).toMatchObject({ state: 'sent', attempts: 3, last_error: null });
    });

    it('refuses the admin list without the admin role and with an unknown state', async () => {
      expect((await notifier.request('GET', '/admin/notifications')).status).toBe(401);
      expect((await notifier.request('GET', '/admin/notifications', { userId: 'someone' })).status).toBe(403);
      const badState = await notifier.request('GET', '/admin/notifications?state=lost', { userId: 'ops', roles: ['admin'] });
      expect(badState.status).toBe(400);
      expect(badState.body.error.details[0].field).toBe('state');
      expect((await notifier.request('GET', '/admin/notifications?limit=9007199254740993', { userId: 'ops', roles: ['admin'] })).status).toBe(400);
      expect((await notifier.request('GET', '/admin/notifications?offset=-1', { userId: 'ops', roles: ['admin'] })).status).toBe(400);
    });
  });

  describe('while the mail server is down', () => {
    it('keeps the notifications pending, retries with backoff, and sends them in order of creation once it is back', async () => {
      const smtp = await SmtpTestServer.start();
      await smtp.stop();
      const notifier = await NotifierTestApp.start({ smtpUrl: smtp.url });
      try {
        const created = [1, 2, 3, 4, 5].map((n) => events.membershipCreated(`user-${randomUUID()}`, address(`outage${n}`)));
        for (const event of created) await notifier.publish(event);
        await waitFor(async () => (await notifier.notifications()).length === 5, { timeoutMs: 20_000, what: 'five queued notifications' });
        // The sender has tried (and backed off) a few times while the server was down.
        await waitFor(async () => ((await notifier.notifications())[0]?.attempts ?? 0) >= 3, { timeoutMs: 20_000, what: 'three failed attempts' });
        const during = await notifier.notifications();
        expect(during.map((row) => row.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
        expect(during[0].last_error).toMatch(/^CONN E(SOCKET|CONNECTION)$/);
        const metrics = await (await fetch(`${notifier.baseUrl}/metrics`)).text();
        expect(metrics).toMatch(/emails_sent_total\{kind="welcome",outcome="retried"\} [1-9]/);
        expect(metrics).toContain('# TYPE notifications_pending gauge');

        await smtp.start();
        await smtp.waitForMessages(5, 30_000);
        // Creation order is the outbox's id order (the events sit on different partitions, so it may differ from publication order).
        const emailOfKey = new Map(created.map((event) => [`welcome:${event.event_id}`, event.payload.email]));
        expect(smtp.received.map((mail) => mail.envelopeTo[0])).toEqual(during.map((row) => emailOfKey.get(row.notification_key)));
        await waitFor(async () => (await notifier.notifications()).every((row) => row.state === 'sent'), { what: 'all marked sent' });
      } finally {
        await notifier.close();
        await smtp.stop();
      }
    });
  });

  describe('without SMTP_URL', () => {
    it('starts, queues the notifications and keeps them pending (counted in the gauges)', async () => {
      const notifier = await NotifierTestApp.start();
      try {
        await notifier.publish(events.membershipCreated(`user-${randomUUID()}`, address('nosmtp')));
        await waitFor(async () => (await notifier.notifications()).length === 1, { timeoutMs: 20_000, what: 'a queued notification' });
        const metrics = await waitFor(async () => {
          const text = await (await fetch(`${notifier.baseUrl}/metrics`)).text();
          return /^notifications_pending 1$/m.test(text) ? text : undefined;
        }, { timeoutMs: 15_000, what: 'notifications_pending 1' });
        expect(metrics).toMatch(/^notifications_oldest_pending_seconds \d/m);
        expect((await notifier.notifications())[0]).toMatchObject({ state: 'pending', attempts: 0 });
      } finally {
        await notifier.close();
      }
    });
  });
});
