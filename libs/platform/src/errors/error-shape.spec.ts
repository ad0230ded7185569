import { startPlatformTestApp, PlatformTestApp } from '../spec-support/platform-test-app';
import { signTestToken } from '../testing/platform-test-env';
import { errorOf, jsonOf } from '../spec-support/http';

describe('one error shape for every HTTP failure', () => {
  let t: PlatformTestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startPlatformTestApp({ RATE_LIMIT_MAX: '1000' });
    auth = { authorization: `Bearer ${await signTestToken('user-1')}`, 'content-type': 'application/json' };
  });
  afterAll(() => t.close());

  const post = (body: string) => fetch(`${t.baseUrl}/api/things`, { method: 'POST', headers: auth, body });

  it('accepts a valid body, transformed into the DTO class', async () => {
    const response = await post(JSON.stringify({ title: 'a', ratings: [{ name: 'x', score: 3 }] }));
    expect(response.status).toBe(201);
    expect(await jsonOf(response)).toEqual({ title: 'a', ratings: 1, is_dto: true });
  });

  it('names every invalid field path in a 400 VALIDATION_FAILED', async () => {
    const response = await post(JSON.stringify({ title: 5, ratings: [{ name: 'x', score: 9 }] }));
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['ratings.0.score', 'title']);
  });

  it('rejects unknown fields, naming them', async () => {
    const response = await post(JSON.stringify({ title: 'a', owner_id: 'someone-else' }));
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([{ field: 'owner_id', problems: ['is not allowed (unknown field)'] }]);
  });

  it.each([
    ['__proto__ at the top', '{"title":"a","__proto__":{"admin":true}}', '__proto__'],
    ['constructor nested', '{"title":"a","ratings":[{"name":"x","score":1,"constructor":{"prototype":{}}}]}', 'ratings.0.constructor'],
  ])('rejects %s as 400 naming the key', async (_case, raw, field) => {
    const response = await post(raw);
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['a JSON array', '[]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['a string where an object is expected', '"just a string"', 'application/json'],
  ])('answers %s with 400 VALIDATION_FAILED, never 500', async (_case, raw, contentType) => {
    const response = await fetch(`${t.baseUrl}/api/things`, { method: 'POST', headers: { ...auth, 'content-type': contentType }, body: raw });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body nested deeper than the bound with 400, never walking it unbounded', async () => {
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    const response = await post(deep.replace(/^\{/, '{"title":"x","ratings":[],"x":{').replace(/\}$/, '}}'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('VALIDATION_FAILED');
  });

  it('validates and converts query parameters, naming the bad ones', async () => {
    const ok = await fetch(`${t.baseUrl}/api/things/search?q=abc&limit=5`, { headers: auth });
    expect(await jsonOf(ok)).toEqual({ q: 'abc', limit: 5 });
    const bad = await fetch(`${t.baseUrl}/api/things/search?limit=500&sort=desc`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details.map((d) => (d as { field: string }).field).sort()).toEqual(['limit', 'sort']);
  });

  it('rejects __proto__ in a query string', async () => {
    const response = await fetch(`${t.baseUrl}/api/things/search?__proto__=x`, { headers: auth });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).details).toEqual([{ field: '__proto__', problems: [expect.any(String)] }]);
  });

  it('answers malformed JSON with 400 in the shape', async () => {
    const response = await post('{"title": ');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'VALIDATION_FAILED', message: 'request body is not valid JSON', details: [] });
  });

  it('answers an oversized body with 413 in the shape', async () => {
    const response = await post(JSON.stringify({ title: 'x'.repeat(200 * 1024) }));
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'request body too large', details: [] });
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const response = await fetch(`${t.baseUrl}/api/nothing-here`, { headers: auth });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'route not found', details: [] });
  });

  it('hides an unexpected error behind 500 INTERNAL', async () => {
    const response = await fetch(`${t.baseUrl}/api/things/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text) as unknown).toEqual({ error: { code: 'INTERNAL', message: 'internal error', details: [] } });
    expect(text).not.toContain('hunter2');
  });

  it('refuses a token without the admin role with 403 FORBIDDEN, and admits an admin', async () => {
    const denied = await fetch(`${t.baseUrl}/api/things/admin`, { headers: auth });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe('FORBIDDEN');
    const admin = await fetch(`${t.baseUrl}/api/things/admin`, { headers: { authorization: `Bearer ${await signTestToken('root', { roles: ['admin'] })}` } });
    expect(admin.status).toBe(200);
  });
});
