import { ConfigError } from '@choice-sherpa/platform';
import { loadNotifierSettings, NOTIFIER_SETTINGS } from './notifier.settings';

const JWT_SECRET = 'j'.repeat(40);

function failure(env: Record<string, string>, platform: { jwtSecret?: string } = { jwtSecret: JWT_SECRET }): ConfigError {
  try {
    loadNotifierSettings(env, platform);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('notifier settings', () => {
  it('reads exactly the names NOTIFIER_SETTINGS lists', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, { get: (_target, name) => (read.add(String(name)), undefined) });
    loadNotifierSettings(env, { jwtSecret: JWT_SECRET });
    expect([...read].sort()).toEqual(NOTIFIER_SETTINGS.map((setting) => setting.name).sort());
  });

  it('has working defaults for development: no SMTP (pending), localhost links, a key derived from JWT_SECRET', () => {
    const settings = loadNotifierSettings({}, { jwtSecret: JWT_SECRET });
    expect(settings).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Choice Sherpa <notifications@localhost>',
      messageIdDomain: 'localhost',
      publicUrl: 'http://localhost:3000',
      unsubscribeTokenTtlMs: 60 * 86_400_000,
      retryBaseMs: 1_000,
      retryMaxMs: 300_000,
      giveUpAfterMs: 72 * 3_600_000,
    });
    expect(settings.unsubscribeKey).toHaveLength(32);
    expect(Buffer.from(settings.unsubscribeKey).toString()).not.toContain(JWT_SECRET);
  });

  it('reads a production configuration', () => {
    const settings = loadNotifierSettings({
      SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
      MAIL_FROM: '"Choice Sherpa" <Notify@Mail.Example.com>',
      PUBLIC_URL: 'https://app.example.com/',
      UNSUBSCRIBE_SECRET: 'u'.repeat(32),
      MAIL_RETRY_BASE_MS: '500',
      MAIL_RETRY_MAX_MS: '60000',
    }, { jwtSecret: undefined });
    expect(settings).toMatchObject({ smtpUrl: 'smtps://mailer:pw@smtp.example.com:465', messageIdDomain: 'mail.example.com', publicUrl: 'https://app.example.com', retryBaseMs: 500, retryMaxMs: 60_000 });
    expect(settings.unsubscribeKey).not.toEqual(loadNotifierSettings({}, { jwtSecret: JWT_SECRET }).unsubscribeKey);
  });

  it.each([
    ['SMTP_URL', { SMTP_URL: 'http://smtp.example.com' }],
    ['MAIL_FROM', { MAIL_FROM: 'not an address' }],
    ['MAIL_FROM', { MAIL_FROM: 'Two <a@b.c>, <d@e.f>' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://app.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://app.example.com/?x=1' }],
    ['UNSUBSCRIBE_SECRET', { UNSUBSCRIBE_SECRET: 'short' }],
    ['MAIL_RETRY_MAX_MS', { MAIL_RETRY_BASE_MS: '5000', MAIL_RETRY_MAX_MS: '1000' }],
    ['MAIL_GIVE_UP_HOURS', { MAIL_GIVE_UP_HOURS: '0' }],
  ])('names the invalid %s (%j)', (setting, env) => {
    expect(failure(env).setting).toBe(setting);
  });

  it('needs UNSUBSCRIBE_SECRET when there is no JWT_SECRET (an issuer JWKS)', () => {
    const error = failure({}, {});
    expect(error.setting).toBe('UNSUBSCRIBE_SECRET');
    expect(error.message).toMatch(/not set/);
  });
});
