import { TokenBucket } from './rate-limiter';

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, refills over time and counts refusals in a row', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false, false]);
    expect(bucket.refusals).toBe(2);
    now += 500;
    expect(bucket.take()).toBe(true);
    expect(bucket.refusals).toBe(0);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
