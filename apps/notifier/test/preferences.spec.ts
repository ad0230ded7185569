import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { SmtpTestServer } from '@choice-sherpa/platform/testing/smtp-test-server';
import { signTestToken, waitFor } from '@choice-sherpa/platform/testing';
import { NOTIFIER_SETTINGS_TOKEN, NotifierSettings } from '../src/notifier.settings';
import { UNSUBSCRIBE_TOKENS, UnsubscribeTokens } from '../src/notifications/application/ports';
import { NotifierEvents } from './support/notifier-events';
import { NotifierTestApp } from './support/notifier-test-app';

describe('notification preferences and one-click unsubscribe', () => {
  let smtp: SmtpTestServer;
  let notifier: NotifierTestApp;
  let tokens: UnsubscribeTokens;
  const events = new NotifierEvents();

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    notifier = await NotifierTestApp.start({ smtpUrl: smtp.url });
    tokens = notifier.app.get(UNSUBSCRIBE_TOKENS);
  });
  afterAll(async () => {
    await notifier?.close();
    await smtp?.stop();
  });

  const preferencesOf = async (userId: string) => (await notifier.request('GET', '/api/notifications/preferences', { userId })).body;
  const oneClick = (token: string, headers: Record<string, string> = {}) =>
    notifier.request('POST', `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, {
      body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('has cycle summaries on by default and lets the caller turn them off and on', async () => {
    const userId = `user-${randomUUID()}`;
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: true });
    expect(await notifier.request('PUT', '/api/notifications/preferences', { userId, body: { cycle_summaries: false } })).toEqual({ status: 200, body: { cycle_summaries: false } });
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: false });
    expect(await preferencesOf(`user-${randomUUID()}`)).toEqual({ cycle_summaries: true });
    await notifier.request('PUT', '/api/notifications/preferences', { userId, body: { cycle_summaries: true } });
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: true });
  });

  it.each([
    ['a missing field', {}],
    ['a string for the boolean', { cycle_summaries: 'false' }],
    ['an unknown field', { cycle_summaries: false, marketing: true }],
    ['a prototype key', JSON.parse('{"cycle_summaries": false, "__proto__": {"x": 1}}')],
  ])('refuses %s with 400 naming the field, changing nothing', async (_case, body) => {
    const userId = `user-${randomUUID()}`;
    const response = await notifier.request('PUT', '/api/notifications/preferences', { userId, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.length).toBeGreaterThan(0);
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: true });
  });

  it('needs a token for the preferences (401)', async () => {
    expect((await notifier.request('GET', '/api/notifications/preferences')).status).toBe(401);
    expect((await notifier.request('PUT', '/api/notifications/preferences', { body: { cycle_summaries: false } })).status).toBe(401);
  });

  it('after a one-click unsubscribe the user gets no more cycle summaries, but still the membership emails', async () => {
    const user = { id: `user-${randomUUID()}`, email: `unsub-${randomUUID().slice(0, 8)}@example.test` };
    const membership = events.membershipCreated(user.id, user.email);
    const session = events.sessionCreated(user.id, 'Rent or buy');
    await notifier.publish(membership, session);
    await waitFor(() => smtp.to(user.email).length === 1, { timeoutMs: 20_000, what: 'the welcome' });

    expect(await oneClick(await tokens.issue(user.id))).toEqual({ status: 200, body: { cycle_summaries: false } });
    const completed = events.cycleCompleted(session.payload.session_id, randomUUID(), user.id, 80);
    await notifier.publish(completed);
    await waitFor(async () => (await notifier.notifications()).find((n) => n.notification_key === `cycle_summary:${completed.event_id}`)?.state === 'skipped', { timeoutMs: 20_000, what: 'the summary skipped' });
    await notifier.publish(events.membershipUpgraded(membership.payload.membership_id, user.id, user.email, 'monthly', 'annual'));
    await waitFor(() => smtp.to(user.email).length === 2, { timeoutMs: 20_000, what: 'the upgrade email' });
    expect(smtp.to(user.email).map((mail) => mail.parsed.subject)).toEqual(['Welcome to Choice Sherpa', 'Your Choice Sherpa membership is now Annual']);
    expect((await notifier.notifications()).find((n) => n.notification_key === `cycle_summary:${completed.event_id}`)).toMatchObject({ state: 'skipped', last_error: 'unsubscribed', attempts: 0 });
  });

  describe('refuses a token that is not a valid one for that user, changing nothing', () => {
    const victim = `victim-${randomUUID()}`;
    const attacker = `attacker-${randomUUID()}`;
    const settings = () => notifier.app.get<NotifierSettings>(NOTIFIER_SETTINGS_TOKEN);
    const signed = (claims: { sub: string; exp: number }, key: Uint8Array = settings().unsubscribeKey, aud = 'unsubscribe:cycle_summaries') =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'unsubscribe+jwt' }).setSubject(claims.sub).setIssuer('choice-sherpa-notifier')
        .setAudience(aud).setIssuedAt().setExpirationTime(claims.exp).sign(key);
    const now = () => Math.floor(Date.now() / 1000);

    const cases: [string, () => Promise<string>][] = [
      ['one whose signature was altered', async () => {
        // A character inside the signature (the last one also holds padding bits, which decoders may ignore).
        const token = await tokens.issue(victim);
        const at = token.length - 8;
        return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      }],
      ['one issued to another user, with the victim put in its claims', async () => {
        const [header, , signature] = (await tokens.issue(attacker)).split('.');
        const claims = { ...decodeJwt(await tokens.issue(attacker)), sub: victim };
        return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      }],
      ['an expired one', () => signed({ sub: victim, exp: now() - 60 })],
      ['one signed with another key', () => signed({ sub: victim, exp: now() + 600 }, new TextEncoder().encode('x'.repeat(40)))],
      ['one for another purpose', () => signed({ sub: victim, exp: now() + 600 }, settings().unsubscribeKey, 'choice-sherpa-api')],
      ['a session token of the victim', () => signTestToken(victim)],
      ['garbage', async () => 'not-a-token'],
    ];

    it.each(cases)('%s', async (_case, make) => {
      const response = await oneClick(await make());
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_TOKEN');
      expect(await preferencesOf(victim)).toEqual({ cycle_summaries: true });
    });

    it('and a request without a token (400 naming the field)', async () => {
      const response = await notifier.request('POST', '/api/notifications/unsubscribe', { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe('token');
    });
  });

  it('serves a confirmation page for the link (a GET changes nothing); its button posts the one-click request', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await tokens.issue(userId);
    const page = await notifier.request('GET', `/api/notifications/unsubscribe?token=${token}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<form method="post" action="/api/notifications/unsubscribe?token=${token}">`);
    expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: true });
    const done = await oneClick(token, { accept: 'text/html,application/xhtml+xml' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect(await preferencesOf(userId)).toEqual({ cycle_summaries: false });
    const invalid = await notifier.request('GET', '/api/notifications/unsubscribe?token=forged', { headers: { accept: 'text/html' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('This link does not work');
  });
});
