import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import WebSocket from 'ws';
import { ALLOWED_ORIGIN, GatewayWorld, join, record, RunningGateway } from '../../testing/gateway-harness';

describe('ws-gateway /live: bad input never kills the server', () => {
  let world: GatewayWorld;
  let gateway: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create({ WS_JOIN_BURST: '5', WS_JOIN_PER_SECOND: '1', WS_JOIN_REFUSALS_BEFORE_DISCONNECT: '10' });
    gateway = await world.startGateway();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** The server still works: a fresh owner connects, joins and receives a live event. */
  async function stillServes(): Promise<void> {
    const owner = randomUUID();
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const received = record(socket);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    const [event] = world.cycleEvents(sessionId, 1);
    await world.publish([event]);
    await waitFor(() => received.some((got) => got.event_id === event.event_id), { what: 'a live event after the abuse' });
    socket.disconnect();
  }

  it('drops a connection that sends a frame over the size limit', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()) });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('session:join', { session_id: randomUUID(), padding: 'x'.repeat(64 * 1024) });
    expect(await closed).toMatch(/transport (close|error)/);
    await stillServes();
  });

  it('survives malformed Socket.IO and Engine.IO packets on a raw WebSocket', async () => {
    const token = await world.token(randomUUID());
    const garbage = [
      '42/live,[',
      '42/live,{"session_id":1}',
      '42/live,["session:join",{"session_id":{"$gt":""}}]',
      '42/live,12["session:join","x"]',
      '451-/live,["session:join",{"_placeholder":true,"num":7}]',
      '4',
      '49',
      'x',
      '6',
      '',
      '42/nope,["session:join",{}]',
      '42/live,["__proto__",{"polluted":true}]',
      Buffer.from([0xff, 0x00, 0x13, 0x37]),
    ];
    for (const packet of garbage) {
      const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { Origin: ALLOWED_ORIGIN } });
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      await new Promise<void>((resolve, reject) => {
        ws.once('error', reject);
        ws.once('message', () => resolve());
      });
      ws.send(`40/live,${JSON.stringify({ token })}`);
      await new Promise<void>((resolve) => ws.once('message', () => resolve()));
      ws.send(packet);
      // A valid-looking follow-up; the server either answers, ignores or closes: it must not crash.
      ws.send('42/live,0["session:join",{"session_id":"00000000-0000-0000-0000-000000000000"}]');
      ws.close();
      await closed;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServes();
  });

  it('rate-limits a join flood (RATE_LIMITED acks), then drops the socket that keeps flooding', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()) });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const acks: Promise<{ ok: boolean; error?: { code: string } } | Error>[] = [];
    for (let i = 0; i < 40; i++) acks.push(join(socket, randomUUID()).catch((error: Error) => error));
    expect(await disconnected).toBe('io server disconnect');
    const answered = (await Promise.all(acks)).filter((ack): ack is { ok: boolean; error?: { code: string } } => !(ack instanceof Error));
    expect(answered.filter((ack) => ack.error?.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    await stillServes();
  });

  it('drops a socket flooding arbitrary packets, and ignores unknown events', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()) });
    socket.emit('no-such-event', { x: 1 });
    socket.emit('session:leave', 'not an object');
    expect(await socket.timeout(5_000).emitWithAck('session:leave', { session_id: 'x' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.any(String) },
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 1_000; i++) socket.emit('no-such-event', i);
    expect(await disconnected).toBe('io server disconnect');
    await stillServes();
  });
});
