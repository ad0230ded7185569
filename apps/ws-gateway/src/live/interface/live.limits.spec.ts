import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { Socket } from 'socket.io-client';
import { connectError, GatewayWorld, join, metricValue, RunningGateway } from '../../testing/gateway-harness';

const PER_USER = 3;
const PER_ADDRESS = 6;

describe('ws-gateway /live: sockets bounded per user and per address, floods contained', () => {
  let world: GatewayWorld;
  let gateway: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create({
      WS_MAX_SOCKETS_PER_USER: String(PER_USER),
      WS_MAX_SOCKETS_PER_ADDRESS: String(PER_ADDRESS),
      WS_JOIN_BURST: '5',
      WS_JOIN_PER_SECOND: '2',
      WS_JOIN_REFUSALS_BEFORE_DISCONNECT: '1000',
      WS_PACKET_BURST: '50',
      WS_PACKETS_PER_SECOND: '10',
      TRUST_PROXY: 'loopback',
    });
    gateway = await world.startGateway();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Each test its own client address (a trusted X-Forwarded-For from loopback), so their quotas stay apart. */
  let nextAddress = 1;
  const address = () => `198.51.100.${nextAddress++}`;
  const connectAs = async (userId: string, from: string) => world.connect(gateway, { token: await world.token(userId), headers: { 'x-forwarded-for': from } });

  it(`refuses a user's socket past ${PER_USER} with TOO_MANY_SOCKETS, and admits one again when a socket closes`, async () => {
    const user = randomUUID();
    const sockets: Socket[] = [];
    for (let i = 0; i < PER_USER; i++) sockets.push(await connectAs(user, address()));
    const refused = await connectError(world.socket(gateway, { token: await world.token(user), headers: { 'x-forwarded-for': address() } }));
    expect(refused.data?.code).toBe('TOO_MANY_SOCKETS');
    sockets[0].disconnect();
    await waitFor(async () => (await connectAs(user, address()).catch(() => undefined)) ?? undefined, { what: 'a place freed by the closed socket' });
  });

  it(`refuses sockets from one address past ${PER_ADDRESS}, whoever the users are`, async () => {
    const from = address();
    for (let i = 0; i < PER_ADDRESS; i++) await connectAs(randomUUID(), from);
    const refused = await connectError(world.socket(gateway, { token: await world.token(randomUUID()), headers: { 'x-forwarded-for': from } }));
    expect(refused.data?.code).toBe('TOO_MANY_SOCKETS');
    expect((await connectAs(randomUUID(), address())).connected).toBe(true);
  });

  it('does not let a client pick its address: only the trusted peer’s X-Forwarded-For entry counts', async () => {
    const from = address();
    // Spoofed left-most entries differ; the entry the trusted (loopback) peer saw is `from` for all of them.
    for (let i = 0; i < PER_ADDRESS; i++) {
      await world.connect(gateway, { token: await world.token(randomUUID()), headers: { 'x-forwarded-for': `10.0.0.${i}, ${from}` } });
    }
    const refused = await connectError(world.socket(gateway, { token: await world.token(randomUUID()), headers: { 'x-forwarded-for': `10.1.1.1, ${from}` } }));
    expect(refused.data?.code).toBe('TOO_MANY_SOCKETS');
  });

  it('refuses a token that expired within the verifier’s clock tolerance, and the connected gauge does not move', async () => {
    const before = await metricValue(gateway, 'ws_connected_sockets');
    for (let i = 0; i < 5; i++) {
      const token = await world.token(randomUUID(), { expiresIn: Math.floor(Date.now() / 1000) - 2 });
      const refused = await connectError(world.socket(gateway, { token, headers: { 'x-forwarded-for': address() } }));
      expect(refused.data?.code).toBe('UNAUTHORIZED');
    }
    expect(await metricValue(gateway, 'ws_connected_sockets')).toBe(before);
  });

  it('brings ws_connected_sockets back down when sockets close', async () => {
    const before = await metricValue(gateway, 'ws_connected_sockets');
    const sockets = [await connectAs(randomUUID(), address()), await connectAs(randomUUID(), address())];
    expect(await metricValue(gateway, 'ws_connected_sockets')).toBe(before + 2);
    for (const socket of sockets) socket.disconnect();
    await waitFor(async () => (await metricValue(gateway, 'ws_connected_sockets')) === before || undefined, { what: 'the gauge to come down' });
  });

  it('logs and counts a packet-flood drop once, however many packets were still queued', async () => {
    const series = 'ws_sockets_dropped_total{reason="packet_flood"}';
    const before = await metricValue(gateway, series);
    const linesBefore = world.logger.lines.filter((line) => line.includes('packet flood')).length;
    const socket = await connectAs(randomUUID(), address());
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 500; i++) socket.emit('no-such-event', i);
    expect(await closed).toBe('io server disconnect');
    await waitFor(async () => (await metricValue(gateway, series)) > before || undefined, { what: 'the drop counted' });
    expect(await metricValue(gateway, series)).toBe(before + 1);
    expect(world.logger.lines.filter((line) => line.includes('packet flood')).length).toBe(linesBefore + 1);
  });

  it('shares one join budget among a user’s sockets, stays ready under a join flood, and serves another user meanwhile', async () => {
    const flooder = randomUUID();
    const sockets: Socket[] = [];
    const from = address();
    for (let i = 0; i < PER_USER; i++) sockets.push(await connectAs(flooder, from));
    const flood = sockets.flatMap((socket) => Array.from({ length: 10 }, () => join(socket, randomUUID()).catch((error: Error) => ({ ok: false, error: { code: error.message } }))));
    const victim = randomUUID();
    const victimSocket = await connectAs(victim, address());
    const sessionId = await world.createSession(victim);
    expect(await world.joinWhenKnown(victimSocket, sessionId)).toEqual({ ok: true });
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
    const acks = await Promise.all(flood);
    // 30 joins from three sockets, one budget of 5: the rest are refused, not served three times over.
    expect(acks.filter((ack) => ack.error?.code === 'NOT_FOUND').length).toBeLessThanOrEqual(5 + 2);
    expect(acks.filter((ack) => ack.error?.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30 - 7);
  });
});
