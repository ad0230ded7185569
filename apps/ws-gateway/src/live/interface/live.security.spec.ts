import { randomUUID } from 'node:crypto';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import { waitFor } from '@choice-sherpa/platform/testing';
import { SignJWT } from 'jose';
import { AUDIENCE, connectError, GatewayWorld, ISSUER, record, RunningGateway } from '../../testing/gateway-harness';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('ws-gateway /live: handshake security', () => {
  let world: GatewayWorld;
  let gateway: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create();
    gateway = await world.startGateway();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('accepts a valid token from an allowed Origin', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()) });
    expect(socket.connected).toBe(true);
  });

  const badTokens: [string, (world: GatewayWorld) => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['an empty token', async () => ''],
    ['garbage', async () => 'not.a.jwt'],
    ['a token signed with another key', (w) => w.token(randomUUID(), { secret: 'x'.repeat(64) })],
    [
      'alg:none',
      async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: randomUUID(), iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
    ],
    [
      'HS512 instead of the configured HS256 (algorithm confusion)',
      (w) =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS512' })
          .setSubject(randomUUID())
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(w.secret)),
    ],
    ['an expired token', (w) => w.token(randomUUID(), { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['a token for another audience', (w) => w.token(randomUUID(), { audience: 'another-service' })],
  ];

  it.each(badTokens)('refuses %s at the handshake', async (_what, makeToken) => {
    const socket = world.socket(gateway, { token: await makeToken(world) });
    const error = await connectError(socket);
    expect(error.message).toMatch(/authentication required|invalid token/);
    expect(socket.connected).toBe(false);
  });

  it.each([['websocket'], ['polling']] as const)('refuses a foreign Origin (%s transport) even with a valid token', async (transport) => {
    const token = await world.token(randomUUID());
    const socket = world.socket(gateway, { token, origin: 'https://evil.example', transports: [transport] });
    await connectError(socket);
    expect(socket.connected).toBe(false);
    const allowed = await world.connect(gateway, { token, transports: [transport] });
    expect(allowed.connected).toBe(true);
  });

  it('accepts a handshake without Origin (non-browser client) when the token is valid', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()), origin: null });
    expect(socket.connected).toBe(true);
  });

  it('disconnects a socket when its token expires, so it stops receiving', async () => {
    const owner = randomUUID();
    const sessionId = await world.createSession(owner);
    const longLived = await world.connect(gateway, { token: await world.token(owner) });
    expect(await world.joinWhenKnown(longLived, sessionId)).toEqual({ ok: true });
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const shortLived = await world.connect(gateway, { token: await world.token(owner, { expiresIn: expiresAt }) });
    const received = record(shortLived);
    expect(await world.joinWhenKnown(shortLived, sessionId)).toEqual({ ok: true });
    const disconnected = new Promise<string>((resolve) => shortLived.once('disconnect', (reason) => resolve(reason)));
    expect(await disconnected).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000 - 1000);
    const longReceived = record(longLived);
    const later = world.cycleEvents(sessionId, 2);
    await world.publish(later);
    await waitFor(() => longReceived.length === 2, { what: 'the long-lived socket to get the events' });
    expect(received.filter((event) => later.some((l) => l.event_id === event.event_id))).toEqual([]);
  });

  it('counts refusals in /metrics with reason labels only', async () => {
    await connectError(world.socket(gateway, { token: 'not.a.jwt' }));
    await connectError(world.socket(gateway, { token: await world.token(randomUUID()), origin: 'https://evil.example' }));
    const response = await fetch(`${gateway.url}/metrics`);
    const text = await response.text();
    expect(text).toMatch(/ws_handshakes_refused_total\{reason="invalid_token"\} [1-9]/);
    expect(text).toMatch(/ws_handshakes_refused_total\{reason="origin"\} [1-9]/);
    expect(text).toMatch(/ws_connected_sockets \d+/);
  });

  it('never logs a token or payload text', async () => {
    const owner = randomUUID();
    const token = await world.token(owner);
    const socket = await world.connect(gateway, { token });
    const received = record(socket);
    const secretTitle = `Secret title ${randomUUID()}`;
    const renamedTitle = `Renamed secret ${randomUUID()}`;
    const sessionId = await world.createSession(owner, secretTitle);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    await world.publish([
      sampleEvent('session.renamed', { aggregateId: sessionId, sequence: 2, payload: { session_id: sessionId, old_title: secretTitle, new_title: renamedTitle } }),
    ]);
    await waitFor(() => received.some((event) => event.data.new_title === renamedTitle), { what: 'session.renamed delivered' });
    await connectError(world.socket(gateway, { token: `${token}x` }));
    const joined = world.logger.lines.join('\n');
    expect(joined).not.toContain(secretTitle);
    expect(joined).not.toContain(renamedTitle);
    expect(joined).not.toContain(token.split('.')[2]);
    expect(joined).not.toContain(world.secret);
  });
});
