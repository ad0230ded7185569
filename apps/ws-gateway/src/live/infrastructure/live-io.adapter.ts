import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import type { GatewaySettings } from '../application/gateway-settings';
import { isOriginAllowed } from '../domain/origin-policy';
import { handshakesRefused } from './live.metrics';

// @nestjs/platform-socket.io pins its own socket.io copy; ours is the app's (the one the Redis adapter and our
// types use). Both speak the same protocol; only the declared types differ, so the override converts at the edge.
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;
type NestIoOptions = Parameters<IoAdapter['createIOServer']>[1];

/**
 * Socket.IO server for the gateway: the Redis adapter (ioredis pub/sub) so replicas share rooms and server-side
 * messages, a small frame limit, and the Origin allowlist checked on every handshake and upgrade request before
 * any Socket.IO session exists.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly redisClients: Redis[] = [];
  private created?: Server;

  constructor(
    app: INestApplicationContext,
    private readonly settings: GatewaySettings,
  ) {
    super(app);
  }

  override createIOServer(port: number, nestOptions?: NestIoOptions): NestIoServer {
    const options = nestOptions as Partial<ServerOptions> | undefined;
    const { allowedOrigins, maxMessageBytes } = this.settings;
    const serverOptions: Partial<ServerOptions> = {
      ...options,
      serveClient: false,
      maxHttpBufferSize: maxMessageBytes,
      connectTimeout: 10_000,
      allowRequest: (request, callback) => {
        const allowed = isOriginAllowed(request.headers.origin, allowedOrigins);
        if (!allowed) handshakesRefused.inc({ reason: 'origin' });
        callback(null, allowed);
      },
      cors: { origin: (origin, callback) => callback(null, isOriginAllowed(origin, allowedOrigins)), credentials: false },
      // Without Redis (one process hosting everything) the gateway is a single replica: Socket.IO's in-memory adapter.
      ...(this.settings.redisUrl ? { adapter: this.redisAdapter(this.settings.redisUrl) } : {}),
    };
    const server = this.httpServer && port === 0 ? new Server(this.httpServer, serverOptions) : new Server(port, serverOptions);
    this.created = server;
    return server as unknown as NestIoServer;
  }

  /** The Socket.IO server this adapter created (undefined before the app's init). */
  get server(): Server | undefined {
    return this.created;
  }

  private redisAdapter(url: string): ReturnType<typeof createAdapter> {
    const pub = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'ws-gateway:adapter-pub' });
    const sub = pub.duplicate({ connectionName: 'ws-gateway:adapter-sub' });
    for (const client of [pub, sub]) {
      // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
      client.on('error', (error: Error) => this.logger.warn({ msg: 'socket.io redis adapter connection error', error: error.message }));
      this.redisClients.push(client);
    }
    // The adapter fires these without awaiting them; a rejection (a command on a connection closed at shutdown)
    // would be an unhandled rejection, which ends a Node process. Catch and log instead.
    this.catchRejections(pub, ['publish']);
    this.catchRejections(sub, ['unsubscribe', 'punsubscribe']);
    return createAdapter(pub, sub, { key: this.settings.adapterKey });
  }

  private catchRejections(client: Redis, methods: ('publish' | 'unsubscribe' | 'punsubscribe')[]): void {
    for (const method of methods) {
      const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
      (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
        original(...args).catch((error: Error) => {
          this.logger.warn({ msg: 'socket.io redis adapter command failed', command: method, error: error.message });
          return 0;
        });
    }
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.redisClients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}
