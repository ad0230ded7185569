import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RedisStreamsServer, StreamLayout, allStreams } from '@choice-sherpa/events';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { FAST } from '@choice-sherpa/events/transport/testing/transport-harness';
import { configurePlatformHttp, connectStreamConsumer, PLATFORM_CONFIG, PlatformConfig } from '@choice-sherpa/platform';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { SignJWT } from 'jose';
import type { Namespace } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import { AppModule } from '../app.module';
import { gatewayConsumer, prepareLiveServer } from '../gateway-app';

export const ALLOWED_ORIGIN = 'https://app.choice-sherpa.test';
export const ISSUER = 'choice-sherpa-test';
export const AUDIENCE = 'choice-sherpa';

export interface ClientEvent {
  event_id: string;
  event_type: string;
  session_id: string;
  occurred_at: string;
  sequence: number;
  data: Record<string, unknown>;
}

export interface Ack {
  ok: boolean;
  error?: { code: string; message: string };
}

/** Every line any gateway in this process logged, to check that no token or payload text ever appears. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  error(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  warn(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  debug(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  verbose(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
}

export interface SocketOptions {
  token?: string;
  origin?: string | null;
  transports?: ('websocket' | 'polling')[];
  /** Extra handshake headers, e.g. X-Forwarded-For. */
  headers?: Record<string, string>;
}

export interface RunningGateway {
  app: INestApplication;
  url: string;
  consumer: RedisStreamsServer;
  /** The replica's /live namespace (server side), e.g. to reach its Redis adapter. */
  namespace: Namespace;
  close(): Promise<void>;
}

/**
 * One test's world: its own database, stream prefix, Redis adapter key and JWT secret. The gateway replicas are the
 * real AppModule (platform config from the environment, the platform's TokenVerifier), started in this process
 * the way main.ts starts them, with short transport timings.
 */
export class GatewayWorld {
  readonly secret = randomBytes(32).toString('hex');
  readonly prefix = uniqueName('wsgw');
  readonly layout: StreamLayout = { prefix: this.prefix, partitions: 4 };
  readonly logger = new CapturingLogger();
  readonly publisher = new RedisStreamsClient({ url: TEST_REDIS_URL, layout: this.layout });
  private readonly gateways: RunningGateway[] = [];
  private readonly sockets: Socket[] = [];

  private constructor(readonly database: TestDatabase) {}

  static async create(env: Record<string, string> = {}): Promise<GatewayWorld> {
    const world = new GatewayWorld(await createTestDatabase('ws_gateway'));
    Object.assign(process.env, {
      DATABASE_URL: world.database.url,
      REDIS_URL: TEST_REDIS_URL,
      STREAM_PREFIX: world.prefix,
      STREAM_PARTITIONS: String(world.layout.partitions),
      JWT_SECRET: world.secret,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      LOG_LEVEL: 'warn',
      WS_JOIN_ACCESS_WAIT_MS: '1000',
      ...env,
    });
    return world;
  }

  async startGateway(): Promise<RunningGateway> {
    const app = await NestFactory.create(AppModule, { logger: this.logger, bodyParser: false, abortOnError: false });
    configurePlatformHttp(app);
    const adapter = await prepareLiveServer(app);
    const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
    // Distinct replica names: replicas in one process must not share partition leases.
    const consumer = gatewayConsumer(app, config, { ...FAST, replica: uniqueName('replica') });
    connectStreamConsumer(app, consumer); // as bootstrapService does
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const namespace = adapter.server?.of('/live');
    if (!namespace) throw new Error('the Socket.IO server was not created at init');
    const gateway: RunningGateway = { app, url, consumer, namespace, close: () => app.close() };
    this.gateways.push(gateway);
    return gateway;
  }

  token(userId: string, options: { expiresIn?: string | number; audience?: string; secret?: string } = {}): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(new TextEncoder().encode(options.secret ?? this.secret));
  }

  /** A Socket.IO client on /live; resolves once connected, rejects with the connect error. */
  async connect(gateway: RunningGateway, options: SocketOptions = {}): Promise<Socket> {
    const socket = this.socket(gateway, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }

  /** An unconnected client (connecting in the background), for refusal tests. */
  socket(gateway: RunningGateway, options: SocketOptions = {}): Socket {
    const origin = options.origin === undefined ? ALLOWED_ORIGIN : options.origin;
    const socket = io(`${gateway.url}/live`, {
      auth: options.token === undefined ? {} : { token: options.token },
      extraHeaders: { ...(origin === null ? {} : { Origin: origin }), ...options.headers },
      transports: options.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5_000,
    });
    this.sockets.push(socket);
    return socket;
  }

  /** Publishes session.created for a new session of `ownerId`; returns the session id. */
  async createSession(ownerId: string, title = 'Which job offer?'): Promise<string> {
    const sessionId = randomUUID();
    await this.publisher.publishEvent(sampleEvent('session.created', { aggregateId: sessionId, payload: { session_id: sessionId, user_id: ownerId, title } }));
    return sessionId;
  }

  /** `count` cycle events of one cycle of the session, sequences 1..count (cycle.created, then component.started). */
  cycleEvents(sessionId: string, count: number, cycleId = randomUUID()) {
    return Array.from({ length: count }, (_, index) =>
      index === 0
        ? sampleEvent('cycle.created', { aggregateId: cycleId, sequence: 1, payload: { cycle_id: cycleId, session_id: sessionId } })
        : sampleEvent('component.started', { aggregateId: cycleId, sequence: index + 1, payload: { cycle_id: cycleId, session_id: sessionId } }),
    );
  }

  async publish(events: Parameters<RedisStreamsClient['publishEvent']>[0][]): Promise<void> {
    for (const event of events) await this.publisher.publishEvent(event);
  }

  /** Joins once the gateway consumed session.created (the join itself waits a bounded time for it). */
  async joinWhenKnown(socket: Socket, sessionId: string, since?: string): Promise<Ack> {
    let ack: Ack | undefined;
    await waitFor(
      async () => {
        ack = await join(socket, sessionId, since);
        return ack.ok || ack.error?.code !== 'NOT_FOUND' ? ack : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: `join ${sessionId}` },
    );
    return ack as Ack;
  }

  /** `skipStreams` when the streams live in a private Redis the test removes itself. */
  async close(options: { skipStreams?: boolean } = {}): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.disconnect();
    for (const gateway of this.gateways.splice(0)) await gateway.close().catch(() => undefined);
    if (!options.skipStreams) await this.deleteStreams();
    await this.publisher.close();
    await this.database.drop().catch(() => undefined);
  }

  private async deleteStreams(): Promise<void> {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = [...allStreams(this.layout)];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 200);
        keys.push(...found);
        cursor = next;
      } while (cursor !== '0');
      await redis.del(...new Set(keys));
    } finally {
      redis.disconnect();
    }
  }
}

export function join(socket: Socket, sessionId: string, since?: string): Promise<Ack> {
  const body = since === undefined ? { session_id: sessionId } : { session_id: sessionId, since };
  return socket.timeout(10_000).emitWithAck('session:join', body) as Promise<Ack>;
}

/** Records every `event` a socket receives, in arrival order. */
export function record(socket: Socket): ClientEvent[] {
  const received: ClientEvent[] = [];
  socket.on('event', (event: ClientEvent) => received.push(event));
  return received;
}

/** A metric's value in the gateway's /metrics (0 when the series does not exist yet). */
export async function metricValue(gateway: RunningGateway, series: string): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

export function connectError(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (error) => resolve(error));
  });
}
