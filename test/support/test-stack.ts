import { randomBytes } from 'node:crypto';
import { createTestDatabase, freePort, TEST_REDIS_URL, TestDatabase, uniqueName } from '@choice-sherpa/platform/testing';
import { ApiClient } from './api-client';
import { EventStreams } from './event-streams';
import { LiveSocket, LiveSocketOptions } from './live-socket';
import { recordConfidential } from './run-logs';
import { ServiceProcess } from './service-process';
import { databasePrefixFor, Service, SERVICES } from './services';
import { mintToken, TokenOptions, TokenSettings } from './tokens';

export const TEST_ORIGIN = 'http://app.choice-sherpa.test';

export interface TestStackOptions {
  /** Which services to run (default: all six). */
  services?: readonly Service[];
  /** Partition count of the stream layout (default 4: fewer blocking readers on a 2-core machine). */
  partitions?: number;
  /** Extra environment for every service (e.g. rate limits for a benchmark). */
  env?: Record<string, string>;
  /** Bound on all services answering /health/ready (default 240 s: six Nest processes starting on a busy 2-core machine). */
  readyTimeoutMs?: number;
  /** Run the entry point in front of the services, and send clients through it (default true; benchmarks go direct). */
  entryPoint?: boolean;
}

/** Where the entry point sends a service the stack does not run: the discard port, refused on loopback. */
const CLOSED_UPSTREAM = 'http://127.0.0.1:9';

/** Services a client reaches through the entry point (API.md "One entry point"). */
const BEHIND_ENTRY = new Set<Service>(['session-cycle', 'conversation', 'dashboard-projector', 'notifier', 'ws-gateway']);

/**
 * The services as real processes, isolated for one test file: a fresh database per service, a unique stream prefix
 * on the shared Redis, free ports and a test JWT secret. `stop()` ends the processes and removes the databases and
 * the Redis keys it created.
 */
export class TestStack {
  readonly tokens: TokenSettings;
  readonly streams: EventStreams;
  private readonly processes = new Map<Service, ServiceProcess>();
  private readonly replicas: ServiceProcess[] = [];
  private entry?: ServiceProcess;

  private constructor(
    readonly streamPrefix: string,
    readonly partitions: number,
    private readonly databases: TestDatabase[],
    tokens: TokenSettings,
  ) {
    this.tokens = tokens;
    this.streams = new EventStreams(TEST_REDIS_URL, streamPrefix, partitions);
  }

  static async start(options: TestStackOptions = {}): Promise<TestStack> {
    const services = options.services ?? SERVICES;
    const partitions = options.partitions ?? 4;
    const tokens: TokenSettings = { secret: randomBytes(32).toString('hex'), issuer: 'choice-sherpa-e2e', audience: 'choice-sherpa' };
    recordConfidential([tokens.secret]);
    const databases: TestDatabase[] = [];
    const stack = new TestStack(uniqueName('e2e'), partitions, databases, tokens);
    try {
      // the entry point's origin is the page's origin in browser tests: the gateway must allow it
      const entryPort = options.entryPoint !== false ? await freePort() : undefined;
      const origins = entryPort === undefined ? TEST_ORIGIN : `${TEST_ORIGIN},http://127.0.0.1:${entryPort}`;
      for (const service of services) {
        const database = await createTestDatabase(databasePrefixFor(service));
        databases.push(database);
        const env: NodeJS.ProcessEnv = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          DATABASE_URL: database.url,
          REDIS_URL: TEST_REDIS_URL,
          STREAM_PREFIX: stack.streamPrefix,
          STREAM_PARTITIONS: String(partitions),
          JWT_SECRET: tokens.secret,
          JWT_ISSUER: tokens.issuer,
          JWT_AUDIENCE: tokens.audience,
          ALLOWED_ORIGINS: origins,
          // info: the run's log check (README "Security") reads what the services really log.
          LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
          // The tests poll the read model; the per-client limit is exercised by the platform's own tests.
          RATE_LIMIT_MAX: '1000000',
          ...options.env,
        };
        stack.processes.set(service, new ServiceProcess(service, await freePort(), env));
      }
      if (entryPort !== undefined) {
        // a service this stack does not run answers nothing (a closed port), never whatever listens on its default port
        const upstreams = Object.fromEntries(
          SERVICES.map((service) => [`${service.toUpperCase().replace(/-/g, '_')}_URL`, stack.processes.get(service)?.url ?? CLOSED_UPSTREAM]),
        );
        stack.entry = new ServiceProcess('entry-point', entryPort, { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...upstreams });
      }
      for (const process of stack.processes.values()) process.start();
      stack.entry?.start();
      await Promise.all([...stack.processes.values()].map((process) => process.waitReady(options.readyTimeoutMs ?? 240_000)));
      // The entry point's /health/ready: every service behind it ready.
      if (stack.entry && stack.processes.size === SERVICES.length) await stack.entry.waitReady(60_000);
      else await stack.entry?.waitReady(60_000, '/health/live');
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  service(service: Service): ServiceProcess {
    const process = this.processes.get(service);
    if (!process) throw new Error(`${service} is not part of this stack`);
    return process;
  }

  /** Starts one more replica of `service` (shares its database, streams and consumer group) and waits until it is ready. */
  async startReplica(service: Service): Promise<ServiceProcess> {
    const replica = this.service(service).replica(await freePort());
    this.replicas.push(replica);
    replica.start();
    await replica.waitReady(240_000);
    return replica;
  }

  /** The service's own port. */
  url(service: Service): string {
    return this.service(service).url;
  }

  /** Where a client reaches the service: the entry point's one origin, or the service's own port without one. */
  publicUrl(service: Service): string {
    return this.entry && BEHIND_ENTRY.has(service) ? this.entry.url : this.url(service);
  }

  token(userId: string, options?: TokenOptions): Promise<string> {
    return mintToken(this.tokens, userId, options);
  }

  /** An HTTP client of `service` acting as `userId` (through the entry point when the stack has one). */
  async client(service: Service, userId: string, options?: TokenOptions): Promise<ApiClient> {
    return new ApiClient(this.publicUrl(service), await this.token(userId, options));
  }

  /** A Socket.IO client of `userId` on the gateway's /live namespace, from an allowed Origin. */
  async socket(userId: string, options: Omit<LiveSocketOptions, 'token'> & { gatewayUrl?: string } = {}): Promise<LiveSocket> {
    const { gatewayUrl, ...rest } = options;
    return LiveSocket.connect(gatewayUrl ?? this.publicUrl('ws-gateway'), { origin: TEST_ORIGIN, ...rest, token: await this.token(userId) });
  }

  /** Stops every service, then removes the databases and this stack's Redis keys. Safe to call twice. */
  async stop(): Promise<void> {
    await this.entry?.stop();
    await Promise.all([...this.replicas.splice(0), ...this.processes.values()].map((process) => process.stop()));
    await Promise.all(this.databases.splice(0).map((database) => database.drop().catch(() => undefined)));
    await this.streams.deleteAll().catch(() => undefined);
    await this.streams.close();
  }

  /** The last lines each service printed: attach to a failure to see why. */
  logs(lines = 30): string {
    return [...this.processes.values(), ...this.replicas, ...(this.entry ? [this.entry] : [])]
      .map((process) => `--- ${process.service}${this.replicas.includes(process) ? ' (replica)' : ''} ---\n${process.logTail(lines)}`)
      .join('\n');
  }
}
