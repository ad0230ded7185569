import fc from 'fast-check';
import { errorOf, jsonOf } from '../spec-support/http';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { signTestToken } from '../testing/platform-test-env';
import { FORBIDDEN_KEYS } from './forbidden-keys';

const REFUSED = ['\u0000', '\uD800', '\uDFFF', '\u0001', '\u001B', '\u007F', '\u0085'];
const CARRIED = ['👩🏽‍💻', '🏳️‍🌈', 'مرحبا بالعالم', 'שלום', '\u202Eevil\u202C', '\u2067x\u2069', 'a\u200Bb', 'a\u200Cb', 'a\u2060b', '\uFEFF', 'tab\there', 'line\nbreak'];

describe('request data the edge refuses (forbidden keys, the text rule, content types)', () => {
  let t: PlatformTestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startPlatformTestApp({ RATE_LIMIT_MAX: '100000' });
    auth = { authorization: `Bearer ${await signTestToken('user-1')}` };
  });
  afterAll(() => t.close());

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { ...auth, 'content-type': contentType }, body });
  const fieldsOf = async (response: Response) => ((await errorOf(response)).details as { field: string }[]).map((detail) => detail.field);

  it('refuses every Object.prototype member as a body field, at any depth, naming it', async () => {
    for (const key of FORBIDDEN_KEYS) {
      const top = await post('/api/things', `{"title":"a",${JSON.stringify(key)}:1}`);
      expect(top.status, key).toBe(400);
      expect(await fieldsOf(top)).toContain(key);
      const nested = await post('/api/things', `{"title":"a","ratings":[{"name":"x","score":1,${JSON.stringify(key)}:{}}]}`);
      expect(nested.status, key).toBe(400);
      expect(await fieldsOf(nested)).toContain(`ratings.0.${key}`);
    }
  });

  it('refuses every Object.prototype member as a query parameter', async () => {
    for (const key of FORBIDDEN_KEYS) {
      const response = await fetch(`${t.baseUrl}/api/things/search?q=a&${encodeURIComponent(key)}=1`, { headers: auth });
      expect(response.status, key).toBe(400);
      expect(await fieldsOf(response)).toContain(key);
    }
  });

  it('refuses a string holding NUL, a lone surrogate or a control character with 400 naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.constantFrom(...REFUSED), fc.constantFrom('title', 'name', 'key'), async (text, bad, where) => {
        const value = `${text}x${bad}x`;
        const body = where === 'title' ? { title: value } : where === 'name' ? { title: 'a', ratings: [{ name: value, score: 1 }] } : { title: 'a', [value]: 1 };
        const response = await post('/api/things', JSON.stringify(body));
        const expected = where === 'title' ? 'title' : where === 'name' ? 'ratings.0.name' : '[key]';
        return response.status === 400 && (await fieldsOf(response)).includes(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the same in query strings and route parameters', async () => {
    const query = await fetch(`${t.baseUrl}/api/things/search?q=${encodeURIComponent('a\u0000')}`, { headers: auth });
    expect(query.status).toBe(400);
    expect(await fieldsOf(query)).toEqual(['q']);
    const param = await fetch(`${t.baseUrl}/api/things/${encodeURIComponent('\u0001')}/archive`, { method: 'POST', headers: auth });
    expect(param.status).toBe(400);
    expect(await fieldsOf(param)).toEqual(['id']);
  });

  it('carries emoji, right-to-left, bidirectional and zero-width text intact', async () => {
    for (const title of CARRIED) {
      const response = await post('/api/things', JSON.stringify({ title }));
      expect(response.status, JSON.stringify(title)).toBe(201);
      expect((await jsonOf(response)).title).toBe(title);
    }
  });

  it('answers a body of any other content type with 415, on routes with and without a body', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream']) {
      for (const path of ['/api/things', '/api/things/1/archive']) {
        const response = await post(path, '{"title":"a"}', contentType);
        expect(response.status, `${contentType} ${path}`).toBe(415);
        expect(await errorOf(response)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the request body must be application/json', details: [] });
      }
    }
  });

  it('refuses a body sent to a route that takes none (400 naming body), but not an empty object or no body', async () => {
    const refused = await post('/api/things/1/archive', '{"force":true}');
    expect(refused.status).toBe(400);
    expect(await fieldsOf(refused)).toEqual(['body']);
    expect((await post('/api/things/1/archive', '{}')).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/api/things/1/archive`, { method: 'POST', headers: auth })).status).toBe(200);
  });

  it('accepts a form body only where a route asks for it', async () => {
    const form = await post('/api/things/form', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(200);
    expect(await jsonOf(form)).toEqual({ one_click: true });
    expect((await post('/api/things/form', '{"List-Unsubscribe":"One-Click"}')).status).toBe(415);
  });

  it('never repeats what the client wrote in an error, whatever it sent', async () => {
    const secret = 'my secret diary entry about the job offer';
    const responses = [
      await post('/api/things/form', `${encodeURIComponent(secret)}=1&List-Unsubscribe=One-Click`, 'application/x-www-form-urlencoded'),
      await post('/api/things', JSON.stringify({ title: 'a', [secret]: 'x' })),
      await post('/api/things', JSON.stringify({ title: 'a', ratings: [{ name: 'x', score: 1, [secret]: 1 }] })),
      await fetch(`${t.baseUrl}/api/things/search?${encodeURIComponent(secret)}=1`, { headers: auth }),
      await post('/api/things', JSON.stringify({ title: `${secret}\u0000` })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('secret diary');
    }
  });
});
