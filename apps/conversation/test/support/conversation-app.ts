import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { allStreams, createEvent, EventEnvelope, EventPayloadMap, EventType, StreamLayout } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The real conversation service in-process: its own database and stream prefix, the outbox relay and the stream
 * consumer running, configured through the environment as in production (`env` adds the AI_* settings).
 */
export class ConversationTestApp {
  private readonly sequences = new Map<string, number>();

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly dataSource: DataSource,
    readonly layout: StreamLayout,
    private readonly secret: string,
    private readonly database: TestDatabase,
    private readonly publisher: RedisStreamsClient,
    private readonly redis: Redis,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ConversationTestApp> {
    const database = await createTestDatabase('conversation');
    const layout: StreamLayout = { prefix: uniqueName('conv'), partitions: 2 };
    const secret = randomBytes(32).toString('hex');
    for (const name of ['AI_PROVIDER', 'AI_BASE_URL', 'AI_MODEL', 'AI_API_KEY', 'AI_TIMEOUT_MS', 'AI_MAX_RETRIES', 'AI_HISTORY_CHARS']) delete process.env[name];
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      STREAM_PREFIX: layout.prefix,
      STREAM_PARTITIONS: String(layout.partitions),
      JWT_SECRET: secret,
      PORT: '0',
      LOG_LEVEL: process.env.CONVERSATION_TEST_LOG_LEVEL ?? 'silent',
      RATE_LIMIT_MAX: '1000000',
      ...env,
    });
    // Imported after the environment is set: the settings are read once, when the app is built.
    const { startConversation } = await import('../../src/start-conversation');
    const app = await startConversation();
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return new ConversationTestApp(app, url, app.get(DataSource), layout, secret, database, new RedisStreamsClient({ url: TEST_REDIS_URL, layout }), new Redis(TEST_REDIS_URL));
  }

  token(userId: string): Promise<string> {
    return new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(this.secret));
  }

  async request<T = any>(userId: string | null, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (userId) headers.authorization = `Bearer ${await this.token(userId)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(60_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // SSE or plain text: kept as text
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** POST a message; the answer's status must be `expected`. */
  async say(userId: string, conversationId: string, content: string, expected = 201, headers: Record<string, string> = {}): Promise<any> {
    const answer = await this.request(userId, 'POST', `/api/conversations/${conversationId}/messages`, { body: { content }, headers });
    if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Publishes an event as its producer would (session-cycle), with per-aggregate sequences. */
  async publish<T extends EventType>(type: T, aggregateId: string, payload: EventPayloadMap[T], userId: string | null = null): Promise<EventEnvelope> {
    const sequence = (this.sequences.get(aggregateId) ?? 0) + 1;
    this.sequences.set(aggregateId, sequence);
    const event = { ...createEvent(type, { aggregateId, payload, metadata: { correlationId: uuidv7(), userId } }), sequence } as EventEnvelope;
    await this.publisher.publishEvent(event);
    return event;
  }

  /** session.created + a cycle whose components get started with `startComponent`. */
  async newSession(userId: string): Promise<{ sessionId: string; cycleId: string }> {
    const sessionId = uuidv7();
    await this.publish('session.created', sessionId, { session_id: sessionId, user_id: userId, title: 'A decision', created_at: new Date().toISOString() }, userId);
    return { sessionId, cycleId: uuidv7() };
  }

  /** component.started, then waits for its conversation; returns the conversation as the owner GETs it. */
  async startComponent(userId: string, ids: { sessionId: string; cycleId: string }, componentType: string, componentId = uuidv7()): Promise<any> {
    await this.publish('component.started', ids.cycleId, { cycle_id: ids.cycleId, session_id: ids.sessionId, component_id: componentId, component_type: componentType as never, started_at: new Date().toISOString() }, userId);
    return waitFor(
      async () => {
        const answer = await this.request(userId, 'GET', `/api/conversations?cycle_id=${ids.cycleId}&component_type=${componentType}`);
        return answer.status === 200 ? answer.body : undefined;
      },
      { timeoutMs: 30_000, what: `the ${componentType} conversation` },
    );
  }

  /** Every event the service published to its streams, in per-aggregate order. */
  async streamed(): Promise<EventEnvelope[]> {
    const entries = await Promise.all(allStreams(this.layout).map((stream) => this.redis.xrange(stream, '-', '+')));
    return entries.flat().map(([, fields]) => JSON.parse(fields[fields.indexOf('data') + 1]) as EventEnvelope).filter((e) => e.event_type.startsWith('conversation.'));
  }

  async query<T = any>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }

  async close(): Promise<void> {
    await this.publisher.close();
    await this.app.close();
    await this.database.drop();
    const keys: string[] = [];
    for await (const batch of this.redis.scanStream({ match: `${this.layout.prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await this.redis.del(...keys);
    await this.redis.quit();
  }
}
