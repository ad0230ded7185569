import { isOriginAllowed } from './origin-policy';

describe('isOriginAllowed', () => {
  const allowlist = ['https://app.choice-sherpa.test', 'http://localhost:5173'];

  it('allows listed origins (normalized) and requests without Origin (non-browser clients)', () => {
    expect(isOriginAllowed('https://app.choice-sherpa.test', allowlist)).toBe(true);
    expect(isOriginAllowed('HTTPS://APP.choice-sherpa.test:443', allowlist)).toBe(true);
    expect(isOriginAllowed('http://localhost:5173', allowlist)).toBe(true);
    expect(isOriginAllowed(undefined, allowlist)).toBe(true);
  });

  it('refuses foreign, look-alike, opaque and malformed origins, and every origin when the list is empty', () => {
    expect(isOriginAllowed('https://evil.test', allowlist)).toBe(false);
    expect(isOriginAllowed('https://app.choice-sherpa.test.evil.test', allowlist)).toBe(false);
    expect(isOriginAllowed('http://app.choice-sherpa.test', allowlist)).toBe(false);
    expect(isOriginAllowed('http://localhost:5174', allowlist)).toBe(false);
    expect(isOriginAllowed('null', allowlist)).toBe(false);
    expect(isOriginAllowed('not a url', allowlist)).toBe(false);
    expect(isOriginAllowed('https://app.choice-sherpa.test', [])).toBe(false);
  });
});
