import { randomUUID } from 'node:crypto';
import { SmtpTestServer } from '@choice-sherpa/platform/testing/smtp-test-server';
import { waitFor } from '@choice-sherpa/platform/testing';
import { NotifierEvents } from './support/notifier-events';
import { NotifierTestApp, TEST_PUBLIC_URL } from './support/notifier-test-app';

const newUser = () => ({ id: `user-${randomUUID()}`, email: `u${randomUUID().slice(0, 8)}@example.test` });

describe('notifier emails (real PostgreSQL, Redis Streams and SMTP)', () => {
  let smtp: SmtpTestServer;
  let notifier: NotifierTestApp;
  const events = new NotifierEvents();

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    notifier = await NotifierTestApp.start({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await notifier?.close();
    await smtp?.stop();
  });

  const mailTo = (address: string, count = 1) => waitFor(() => (smtp.to(address).length >= count ? smtp.to(address) : undefined), { timeoutMs: 20_000, what: `${count} email(s) to the test user` });

  it('welcomes a new member: envelope, From, Subject, Message-ID from the notification key, text and HTML', async () => {
    const user = newUser();
    const created = events.membershipCreated(user.id, user.email, 'monthly');
    await notifier.publish(created);
    const [mail] = await mailTo(user.email);
    expect(mail.envelopeTo).toEqual([user.email]);
    expect(mail.envelopeFrom).toBe('notifications@mail.choice-sherpa.test');
    expect(mail.parsed.to).toMatchObject({ value: [{ address: user.email }] });
    expect(mail.parsed.from?.value).toEqual([{ name: 'Choice Sherpa', address: 'notifications@mail.choice-sherpa.test' }]);
    expect(mail.parsed.subject).toBe('Welcome to Choice Sherpa');
    expect(mail.parsed.messageId).toBe(`<welcome.${created.event_id}@mail.choice-sherpa.test>`);
    expect(mail.header('Auto-Submitted')).toBe('auto-generated');
    expect(mail.header('List-Unsubscribe')).toBeUndefined();
    expect(mail.parsed.text).toContain('Your Monthly membership is active.');
    expect(mail.parsed.text).toContain(`Start a decision: ${TEST_PUBLIC_URL}/`);
    expect(mail.parsed.html).toContain('Your Monthly membership is active.');
    expect(mail.parsed.html).toContain(`href="${TEST_PUBLIC_URL}/"`);
  });

  it('confirms an upgrade and a cancellation to the member', async () => {
    const user = newUser();
    const created = events.membershipCreated(user.id, user.email, 'free');
    const membershipId = created.payload.membership_id;
    const upgraded = events.membershipUpgraded(membershipId, user.id, user.email, 'free', 'annual');
    const cancelled = events.membershipCancelled(membershipId, user.id, user.email, '2026-12-01T10:00:00.000Z');
    await notifier.publish(created, upgraded, cancelled);
    const mails = await mailTo(user.email, 3);
    expect(mails.map((mail) => mail.parsed.subject)).toEqual([
      'Welcome to Choice Sherpa',
      'Your Choice Sherpa membership is now Annual',
      'Your Choice Sherpa membership has been cancelled',
    ]);
    expect(mails[1].parsed.messageId).toBe(`<membership_upgraded.${upgraded.event_id}@mail.choice-sherpa.test>`);
    expect(mails[1].parsed.text).toContain('upgraded from Free to Annual');
    expect(mails[2].parsed.messageId).toBe(`<membership_cancelled.${cancelled.event_id}@mail.choice-sherpa.test>`);
    expect(mails[2].parsed.text).toContain('cancelled on 1 December 2026');
    expect(mails[2].parsed.text).not.toContain('too expensive');
    for (const mail of mails) expect(mail.header('List-Unsubscribe')).toBeUndefined();
  });

  it('summarises a completed cycle for the session owner: escaped title, DQ score, best alternative by name, dashboard link, one-click unsubscribe', async () => {
    const user = newUser();
    const title = 'Move <b>&</b> "rent" or buy?';
    const session = events.sessionCreated(user.id, title);
    const sessionId = session.payload.session_id;
    const cycleId = randomUUID();
    const completed = events.cycleCompleted(sessionId, cycleId, user.id, 72);
    await notifier.publish(
      events.membershipCreated(user.id, user.email),
      session,
      events.alternativesOutput(sessionId, cycleId, user.id, [{ id: 'a1', name: 'Stay put' }, { id: 'a2', name: 'Move to <Lisbon>' }]),
      events.pughComputed(sessionId, cycleId, { a1: -1, a2: 3 }),
      completed,
    );
    const [, summary] = await mailTo(user.email, 2);
    expect(summary.parsed.subject).toBe(`Your decision summary: ${title}`);
    expect(summary.parsed.messageId).toBe(`<cycle_summary.${completed.event_id}@mail.choice-sherpa.test>`);
    const unsubscribe = summary.header('List-Unsubscribe');
    expect(unsubscribe).toMatch(new RegExp(`^<${TEST_PUBLIC_URL}/api/notifications/unsubscribe\\?token=[A-Za-z0-9_.-]+>$`));
    expect(summary.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const text = summary.parsed.text ?? '';
    expect(text).toContain(`You completed a cycle of your decision "${title}".`);
    expect(text).toContain('Decision quality: 72 out of 100');
    expect(text).toContain('Best alternative by the Pugh analysis: Move to <Lisbon>.');
    expect(text).toContain(`Open the dashboard: ${TEST_PUBLIC_URL}/sessions/${sessionId}?cycle=${cycleId}`);
    const html = String(summary.parsed.html);
    expect(html).toContain('Move &lt;b&gt;&amp;&lt;/b&gt; &quot;rent&quot; or buy?');
    expect(html).toContain('Move to &lt;Lisbon&gt;');
    expect(html).not.toContain('<b>&</b>');
    expect(html).not.toContain('<Lisbon>');
    // The header's URL is the one-click endpoint: a POST with the RFC 8058 body turns summaries off for this user only.
    const url = new URL(unsubscribe!.slice(1, -1));
    const oneClick = await notifier.request('POST', `${url.pathname}${url.search}`, {
      body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick).toEqual({ status: 200, body: { cycle_summaries: false } });
    expect((await notifier.request('GET', '/api/notifications/preferences', { userId: user.id })).body).toEqual({ cycle_summaries: false });
  });

  it('says so when the Pugh scores tie, when nothing was computed and when the cycle has no DQ score', async () => {
    const user = newUser();
    const session = events.sessionCreated(user.id, 'Which bike?');
    const sessionId = session.payload.session_id;
    const tied = randomUUID();
    const bare = randomUUID();
    await notifier.publish(
      events.membershipCreated(user.id, user.email),
      session,
      events.pughComputed(sessionId, tied, { a1: 2, a2: 2, a3: 1 }, null),
      events.cycleCompleted(sessionId, tied, user.id, 40),
      events.cycleCompleted(sessionId, bare, user.id, null),
    );
    const mails = await mailTo(user.email, 3);
    const [tieMail, bareMail] = [mails.find((m) => m.parsed.text?.includes('40 out of 100'))!, mails.find((m) => m.parsed.text?.includes('not scored'))!];
    expect(tieMail.parsed.text).toContain('no single best alternative: the top scores are tied');
    expect(bareMail.parsed.text).not.toContain('Pugh');
    expect(bareMail.parsed.text).toContain('Decision quality: not scored for this cycle.');
  });

  it('names the best alternative of a branch from the alternatives it inherited, and uses the renamed title', async () => {
    const user = newUser();
    const session = events.sessionCreated(user.id, 'Old title');
    const sessionId = session.payload.session_id;
    const parent = randomUUID();
    const branched = events.cycleBranched(sessionId, parent, 'consequences', user.id);
    const branch = branched.payload.cycle_id;
    await notifier.publish(
      events.membershipCreated(user.id, user.email),
      session,
      events.sessionRenamed(sessionId, user.id, 'Old title', 'New title'),
      events.alternativesOutput(sessionId, parent, user.id, [{ id: 'x', name: 'Keep the car' }, { id: 'y', name: 'Sell the car' }]),
      branched,
      events.pughComputed(sessionId, branch, { x: 0, y: 4 }, 'y'),
      events.cycleCompleted(sessionId, branch, user.id, 90),
    );
    const [, summary] = await mailTo(user.email, 2);
    expect(summary.parsed.subject).toBe('Your decision summary: New title');
    expect(summary.parsed.text).toContain('Best alternative by the Pugh analysis: Sell the car.');
  });

  it('sends the summary to the session owner even when cycle.completed carries no user, and nothing to anyone else', async () => {
    const owner = newUser();
    const other = newUser();
    const session = events.sessionCreated(owner.id, 'Owner only');
    const cycleId = randomUUID();
    await notifier.publish(events.membershipCreated(owner.id, owner.email), events.membershipCreated(other.id, other.email), session);
    await mailTo(other.email);
    await notifier.publish(events.cycleCompleted(session.payload.session_id, cycleId, null, 55));
    const [, summary] = await mailTo(owner.email, 2);
    expect(summary.envelopeTo).toEqual([owner.email]);
    expect(smtp.to(other.email)).toHaveLength(1);
  });
});
