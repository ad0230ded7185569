import { io, Socket } from 'socket.io-client';
import { waitFor } from '@choice-sherpa/platform/testing';

/** What the gateway emits as `event` (API.md). */
export interface LiveEvent {
  event_id: string;
  event_type: string;
  session_id: string;
  occurred_at: string;
  sequence: number;
  correlation_id: string | null;
  causation_id: string | null;
  data: Record<string, unknown>;
}

export interface JoinAck {
  ok: boolean;
  error?: { code: string; message: string };
}

export interface LiveSocketOptions {
  token?: string;
  origin?: string;
  /** Called for every `event` on arrival (before it is recorded), e.g. to stamp arrival times. */
  onEvent?: (event: LiveEvent) => void;
}

/** A browser's Socket.IO connection to the gateway's `/live` namespace; records every `event` it receives, in order. */
export class LiveSocket {
  readonly received: LiveEvent[] = [];

  private constructor(readonly socket: Socket) {}

  static async connect(gatewayUrl: string, options: LiveSocketOptions): Promise<LiveSocket> {
    const socket = io(`${gatewayUrl}/live`, {
      auth: options.token === undefined ? {} : { token: options.token },
      extraHeaders: options.origin ? { Origin: options.origin } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5_000,
    });
    const live = new LiveSocket(socket);
    socket.on('event', (event: LiveEvent) => {
      options.onEvent?.(event);
      live.received.push(event);
    });
    await live.waitConnected();
    return live;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  join(sessionId: string, since?: string): Promise<JoinAck> {
    const body = since === undefined ? { session_id: sessionId } : { session_id: sessionId, since };
    return this.socket.timeout(5_000).emitWithAck('session:join', body) as Promise<JoinAck>;
  }

  /** Joins once the gateway knows the session (it learns ownership from session.created, asynchronously). */
  async joinWhenKnown(sessionId: string, since?: string, timeoutMs = 60_000): Promise<JoinAck> {
    let last: JoinAck | undefined;
    await waitFor(
      async () => {
        last = await this.join(sessionId, since);
        return last.ok;
      },
      { timeoutMs, intervalMs: 100, what: `session:join ${sessionId} acknowledged` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last ack ${JSON.stringify(last)}`);
    });
    return last!;
  }

  leave(sessionId: string): void {
    this.socket.emit('session:leave', { session_id: sessionId });
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  /** Reconnects the same client (a new Socket.IO session: rooms must be joined again). */
  async reconnect(): Promise<void> {
    this.socket.connect();
    await this.waitConnected();
  }

  eventsOf(sessionId: string): LiveEvent[] {
    return this.received.filter((event) => event.session_id === sessionId);
  }

  async waitForCount(count: number, timeoutMs = 60_000, filter: (event: LiveEvent) => boolean = () => true): Promise<LiveEvent[]> {
    await waitFor(() => this.received.filter(filter).length >= count, { timeoutMs, what: `${count} live events` }).catch((error: Error) => {
      throw new Error(`${error.message} (have ${this.received.filter(filter).length})`);
    });
    return this.received.filter(filter);
  }

  private waitConnected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      const onConnect = () => {
        this.socket.off('connect_error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.socket.off('connect', onConnect);
        reject(error);
      };
      this.socket.once('connect', onConnect);
      this.socket.once('connect_error', onError);
    });
  }
}
