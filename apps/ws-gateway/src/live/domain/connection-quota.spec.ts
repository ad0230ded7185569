import { ConnectionQuota } from './connection-quota';

const limits = { socketsPerUser: 2, socketsPerAddress: 3, joinBurst: 2, joinPerSecond: 1 };

describe('ConnectionQuota', () => {
  it('refuses a user past socketsPerUser and an address past socketsPerAddress, and frees a place on release', () => {
    const quota = new ConnectionQuota(limits);
    const first = quota.acquire('alice', '198.51.100.1');
    expect(quota.acquire('alice', '198.51.100.2').ok).toBe(true);
    expect(quota.acquire('alice', '198.51.100.3')).toEqual({ ok: false, reason: 'too_many_sockets_user' });
    expect(quota.acquire('bob', '198.51.100.1').ok).toBe(true);
    expect(quota.acquire('carol', '198.51.100.1').ok).toBe(true);
    expect(quota.acquire('dave', '198.51.100.1')).toEqual({ ok: false, reason: 'too_many_sockets_address' });
    if (!first.ok) throw new Error('expected a lease');
    first.lease.release();
    first.lease.release();
    expect(quota.socketsOf('alice')).toBe(1);
    expect(quota.socketsAt('198.51.100.1')).toBe(2);
    expect(quota.acquire('dave', '198.51.100.1').ok).toBe(true);
  });

  it('gives a user one join budget however many sockets they open', () => {
    let now = 0;
    const quota = new ConnectionQuota(limits, () => now);
    const [a, b] = [quota.acquire('alice', 'x'), quota.acquire('alice', 'y')];
    if (!a.ok || !b.ok) throw new Error('expected leases');
    expect([a.lease.joins.take(), b.lease.joins.take(), b.lease.joins.take()]).toEqual([true, true, false]);
    now += 1_000;
    expect(a.lease.joins.take()).toBe(true);
  });

  it('forgets a user and an address once their last socket is gone', () => {
    const quota = new ConnectionQuota(limits);
    const lease = quota.acquire('alice', 'x');
    if (!lease.ok) throw new Error('expected a lease');
    lease.lease.release();
    expect(quota.socketsOf('alice')).toBe(0);
    expect(quota.socketsAt('x')).toBe(0);
  });
});
