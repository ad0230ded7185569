import { ConnectionQuota } from './connection-quota';

const limits = { socketsPerUser: 2, socketsPerAddress: 3, joinBurst: 2, joinPerSecond: 1, joinsInFlightPerUser: 1 };

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

  it("keeps a user's join budget and joins in flight across reconnects until the budget has refilled", () => {
    let now = 0;
    const quota = new ConnectionQuota(limits, () => now);
    const first = quota.acquire('alice', 'x');
    if (!first.ok) throw new Error('expected a lease');
    expect([first.lease.joins.take(), first.lease.joins.take()]).toEqual([true, true]);
    first.lease.release();
    now += 500;
    const again = quota.acquire('alice', 'x');
    if (!again.ok) throw new Error('expected a lease');
    // Closing every socket bought no fresh burst: the same budget and the same gate for joins in flight.
    expect(again.lease.joins).toBe(first.lease.joins);
    expect(again.lease.joinsInFlight).toBe(first.lease.joinsInFlight);
    expect(again.lease.joins.take()).toBe(false);
    again.lease.release();
    now += 2_000;
    const later = quota.acquire('alice', 'x');
    if (!later.ok) throw new Error('expected a lease');
    expect(later.lease.joins).not.toBe(first.lease.joins);
    expect([later.lease.joins.take(), later.lease.joins.take()]).toEqual([true, true]);
  });

  it("serves another user's join while one user's joins fill their places in flight", async () => {
    const quota = new ConnectionQuota(limits);
    const [alice, bob] = [quota.acquire('alice', 'x'), quota.acquire('bob', 'x')];
    const aliceOther = quota.acquire('alice', 'y');
    if (!alice.ok || !bob.ok || !aliceOther.ok) throw new Error('expected leases');
    const started: string[] = [];
    let finishAlice: () => void = () => undefined;
    const aliceFirst = alice.lease.joinsInFlight.run(() => (started.push('alice 1'), new Promise<void>((resolve) => (finishAlice = resolve))));
    // Alice's second join (from another of her sockets) waits for her first; Bob's starts and ends meanwhile.
    const aliceSecond = aliceOther.lease.joinsInFlight.run(async () => void started.push('alice 2'));
    await bob.lease.joinsInFlight.run(async () => void started.push('bob'));
    expect(started).toEqual(['alice 1', 'bob']);
    finishAlice();
    await Promise.all([aliceFirst, aliceSecond]);
    expect(started).toEqual(['alice 1', 'bob', 'alice 2']);
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
