import type { AuthUser } from './auth-user';
import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;
  const user = (): AuthUser => ({ userId: 'user-1', email: 'u1@example.test', roles: ['admin'] });
  const expSeconds = (fromNowMs: number) => Math.floor((now + fromNowMs) / 1000);

  beforeEach(() => {
    now = 1_000_000_000_000;
  });

  it('answers a verified token until it expires, with the clock tolerance, and never after', () => {
    const cache = new VerifiedTokenCache(10, 60_000, clock);
    cache.set('token', user(), expSeconds(20_000), 5);
    expect(cache.get('token')).toEqual(user());
    now += 24_000;
    expect(cache.get('token')).toEqual(user());
    now += 2_000;
    expect(cache.get('token')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a long-lived token at most ttlMs, so a key rotated out stops admitting it', () => {
    const cache = new VerifiedTokenCache(10, 60_000, clock);
    cache.set('token', user(), expSeconds(3_600_000), 5);
    now += 59_000;
    expect(cache.get('token')?.userId).toBe('user-1');
    now += 2_000;
    expect(cache.get('token')).toBeUndefined();
  });

  it('does not keep a token that is already past its expiry', () => {
    const cache = new VerifiedTokenCache(10, 60_000, clock);
    cache.set('token', user(), expSeconds(-10_000), 5);
    expect(cache.get('token')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('hands out copies: changing an answer does not change the next one', () => {
    const cache = new VerifiedTokenCache(10, 60_000, clock);
    const original = user();
    cache.set('token', original, expSeconds(600_000), 5);
    original.roles.push('from-the-caller');
    const first = cache.get('token')!;
    first.roles.push('owner');
    first.userId = 'someone-else';
    expect(cache.get('token')).toEqual(user());
  });

  it('is bounded: the oldest entry leaves first', () => {
    const cache = new VerifiedTokenCache(3, 60_000, clock);
    for (const token of ['a', 'b', 'c', 'd']) cache.set(token, { ...user(), userId: token }, expSeconds(600_000), 5);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((token) => cache.get(token)?.userId)).toEqual(['b', 'c', 'd']);
  });
});
