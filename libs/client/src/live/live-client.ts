import { io, Socket } from 'socket.io-client';
import { isLiveEvent } from '../events/live-event';
import { ObservableValue, Observable } from './observable';
import { DEFAULT_FEED_TIMING, FeedTiming, JoinAck, SessionFeed, SessionFeedHandler } from './session-feed';

/** `online`: connected; `connecting`: first attempt; `reconnecting`: lost, trying again; `unauthorized`: the token was refused. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unauthorized';

export interface LiveClientOptions {
  /** The gateway's origin; '' or undefined for the page's own (the entry point routes /socket.io). */
  url?: string;
  path?: string;
  token: () => string | null;
  /** Extra Socket.IO client options (tests: `extraHeaders`, `transports`). */
  socketOptions?: Record<string, unknown>;
  timing?: FeedTiming;
  ackTimeoutMs?: number;
}

/**
 * The live connection (API.md "Socket.IO"): one socket on namespace /live, reconnecting by itself with backoff.
 * Sessions are subscribed to with a handler; every (re)connect rejoins each one from the last event it saw.
 */
export class LiveClient {
  private readonly state = new ObservableValue<ConnectionState>('connecting');
  private readonly feeds = new Map<string, Set<SessionFeed>>();
  private readonly socket: Socket;

  constructor(private readonly options: LiveClientOptions) {
    this.socket = io(`${options.url ?? ''}/live`, {
      path: options.path ?? '/socket.io',
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.3,
      auth: (callback: (auth: Record<string, unknown>) => void) => callback({ token: options.token() ?? '' }),
      ...options.socketOptions,
    });
    this.socket.on('connect', () => {
      this.state.set('online');
      for (const feeds of this.feeds.values()) for (const feed of feeds) void feed.join(this.joinFn);
    });
    this.socket.on('disconnect', (reason) => {
      // the server closed it on purpose (token expiry, limits): Socket.IO does not retry those by itself
      this.state.set('reconnecting');
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1_000);
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'UNAUTHORIZED') {
        this.state.set('unauthorized');
        return;
      }
      this.state.set(this.state.get() === 'connecting' ? 'connecting' : 'reconnecting');
    });
    this.socket.on('event', (payload: unknown) => {
      if (!isLiveEvent(payload)) return;
      for (const feed of this.feeds.get(payload.session_id) ?? []) feed.receive(payload);
    });
  }

  get connection(): Observable<ConnectionState> {
    return this.state;
  }

  /** Joins `sessionId` (now, or when connected) and hands its events to `handler`; the returned function leaves. */
  subscribe(sessionId: string, handler: SessionFeedHandler): () => void {
    const feed = new SessionFeed(sessionId, handler, this.options.timing ?? DEFAULT_FEED_TIMING);
    const feeds = this.feeds.get(sessionId) ?? new Set<SessionFeed>();
    feeds.add(feed);
    this.feeds.set(sessionId, feeds);
    if (this.socket.connected) void feed.join(this.joinFn);
    return () => {
      feed.close();
      feeds.delete(feed);
      if (feeds.size > 0) return;
      this.feeds.delete(sessionId);
      if (this.socket.connected) this.socket.emit('session:leave', { session_id: sessionId });
    };
  }

  /** After a new sign-in: reconnect with the current token. */
  reconnect(): void {
    this.socket.disconnect();
    this.state.set('connecting');
    this.socket.connect();
  }

  close(): void {
    for (const feeds of this.feeds.values()) for (const feed of feeds) feed.close();
    this.feeds.clear();
    this.socket.disconnect();
    this.state.set('offline');
  }

  private readonly joinFn = (body: { session_id: string; since?: string }): Promise<JoinAck> =>
    this.socket.timeout(this.options.ackTimeoutMs ?? 10_000).emitWithAck('session:join', body) as Promise<JoinAck>;
}
