import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { AccessSignals } from '../application/ports';
import { ACCESS_CHANNEL } from './pg-session-access.store';

type Waiter = () => void;

/**
 * LISTENs on the access channel with one dedicated connection per replica; PostgreSQL delivers the NOTIFY sent in
 * the projection's transaction at commit, to every replica sharing the gateway's database. If the connection is
 * down, waits simply run to their bound and the caller looks again (degraded, never wrong).
 */
@Injectable()
export class PgAccessSignals implements AccessSignals, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PgAccessSignals.name);
  private readonly waiters = new Map<string, Set<Waiter>>();
  private client?: Client;
  private connecting?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** Connects the listener; called on bootstrap, and again by itself after a lost connection. */
  start(): Promise<void> {
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  expect(sessionId: string, timeoutMs: number): { settled: Promise<void>; cancel(): void } {
    if (!this.client && !this.stopped) void this.start();
    let waiter: Waiter = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<void>((resolve) => {
      waiter = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    const set = this.waiters.get(sessionId) ?? new Set<Waiter>();
    set.add(waiter);
    this.waiters.set(sessionId, set);
    return {
      settled,
      cancel: () => {
        clearTimeout(timer);
        waiter();
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(sessionId) === set) this.waiters.delete(sessionId);
      },
    };
  }

  /** Joins currently waiting for `sessionId`'s access record (observability and tests). */
  waitingFor(sessionId: string): number {
    return this.waiters.get(sessionId)?.size ?? 0;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const set of this.waiters.values()) for (const waiter of set) waiter();
    this.waiters.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client(pgConfigOf(this.dataSource));
    client.on('notification', (message) => {
      if (message.channel === ACCESS_CHANNEL && message.payload) this.wake(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCESS_CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.failures = 0;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    if (this.stopped) return;
    this.failures += 1;
    if (error) this.logger.warn({ msg: 'access listener connection lost; reconnecting', error: error.message });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.start(), Math.min(5_000, 100 * 2 ** Math.min(this.failures, 6)));
    this.retryTimer.unref();
  }

  private wake(sessionId: string): void {
    const set = this.waiters.get(sessionId);
    if (!set) return;
    for (const waiter of set) waiter();
  }
}

export function pgConfigOf(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as { url?: string; host?: string; port?: number; username?: string; password?: string; database?: string };
  if (options.url) return { connectionString: options.url };
  return { host: options.host, port: options.port, user: options.username, password: options.password, database: options.database };
}
