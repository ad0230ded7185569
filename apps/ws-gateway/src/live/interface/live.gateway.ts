import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { GATEWAY_SETTINGS, GatewaySettings } from '../application/gateway-settings';
import { JoinSession } from '../application/join-session';
import { JoinAck, JoinErrorCodes, refusal } from '../domain/join-errors';
import { trustFunction } from '@choice-sherpa/platform';
import { ConnectionQuota } from '../domain/connection-quota';
import { InFlightLimit } from '../domain/in-flight-limit';
import { TokenBucket } from '../domain/rate-limiter';
import { connectedSockets, joinsTotal, socketsDropped } from '../infrastructure/live.metrics';
import { SocketIoAnnouncer } from '../infrastructure/socket-io-announcer';
import { HANDSHAKE_VERIFIER, HandshakeVerifier, handshakeAuthenticator, SocketIdentity } from './handshake-auth';
import { SocketSubscriber } from './socket-subscriber';

/**
 * Joins of one user served at once (ownership and head reads); the user's further joins, already within the join
 * budget, wait for that user's own, so a user with many joins in flight cannot hold the database pool for others.
 */
const JOINS_IN_FLIGHT_PER_USER = 2;

/** setTimeout's ceiling (~24.8 days); a later expiry is re-armed when reached. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface SocketState {
  subscriber: SocketSubscriber;
  /** The user's join budget (shared by the user's sockets on this replica). */
  joins: TokenBucket;
  /** The user's joins in flight (shared likewise). */
  joinsInFlight: InFlightLimit;
  release(): void;
  expiryTimer?: NodeJS.Timeout;
  /** Set once the server drops the socket, so a drop is logged and counted once, not once per packet still queued. */
  dropped?: boolean;
}

type AckFn = (response: JoinAck) => void;

/** Splits Socket.IO listener arguments into the body (first argument) and the client's ack callback, if any. */
function messageOf(args: unknown[]): { body: unknown; reply: AckFn } {
  const last = args.at(-1);
  const reply = typeof last === 'function' ? (last as AckFn) : () => undefined;
  return { body: typeof last === 'function' ? args.slice(0, -1)[0] : args[0], reply };
}

/**
 * API.md "Socket.IO (ws-gateway)": namespace /live, `session:join`, `session:leave`, server `event`.
 * The socket events are bound here rather than with @SubscribeMessage: the application's global HTTP enhancers
 * (validation pipe, filters) must not see socket arguments, and every client input is parsed by the use case.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnGatewayDisconnect<Socket> {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly states = new WeakMap<Socket, SocketState>();
  private readonly quota: ConnectionQuota;

  constructor(
    private readonly joinSession: JoinSession,
    private readonly announcer: SocketIoAnnouncer,
    @Inject(HANDSHAKE_VERIFIER) private readonly verifier: HandshakeVerifier,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {
    this.quota = new ConnectionQuota({
      socketsPerUser: settings.maxSocketsPerUser,
      socketsPerAddress: settings.maxSocketsPerAddress,
      joinBurst: settings.joinBurst,
      joinPerSecond: settings.joinPerSecond,
      joinsInFlightPerUser: JOINS_IN_FLIGHT_PER_USER,
    });
  }

  afterInit(namespace: Namespace): void {
    namespace.use(handshakeAuthenticator({ verifier: this.verifier, quota: this.quota, trust: trustFunction(this.settings.trustProxy), logger: this.logger }));
    this.announcer.attach(namespace);
  }

  handleConnection(socket: Socket): void {
    const identity = socket.data.identity as SocketIdentity | undefined;
    if (!identity || !socket.connected) {
      socket.disconnect(true);
      return;
    }
    const state: SocketState = {
      subscriber: new SocketSubscriber(socket, identity.userId),
      joins: identity.lease.joins,
      joinsInFlight: identity.lease.joinsInFlight,
      release: identity.lease.release,
    };
    // Counted and registered before anything below can disconnect it, and released by our own listener, so the
    // gauge comes down whichever way (and however early) the socket goes.
    this.states.set(socket, state);
    connectedSockets.inc();
    socket.once('disconnect', () => this.release(socket));
    this.guardAgainstFloods(socket, state);
    socket.on('session:join', (...args: unknown[]) => void this.onJoin(socket, state, messageOf(args)));
    socket.on('session:leave', (...args: unknown[]) => this.onLeave(state, messageOf(args)));
    this.logger.log({ msg: 'socket connected', socket_id: socket.id });
    this.disconnectAtExpiry(socket, state, identity.expiresAt);
  }

  handleDisconnect(socket: Socket): void {
    this.release(socket);
  }

  private release(socket: Socket): void {
    const state = this.states.get(socket);
    if (!state) return;
    this.states.delete(socket);
    clearTimeout(state.expiryTimer);
    connectedSockets.dec();
    state.release();
    this.joinSession.disconnect(state.subscriber);
  }

  /** Drops the socket once: logged and counted for the first reason only. */
  private drop(socket: Socket, state: SocketState, reason: 'join_flood' | 'packet_flood' | 'token_expired', msg: string): void {
    if (state.dropped) return;
    state.dropped = true;
    this.logger[reason === 'token_expired' ? 'log' : 'warn']({ msg, socket_id: socket.id });
    socketsDropped.inc({ reason });
    socket.disconnect(true);
  }

  private async onJoin(socket: Socket, state: SocketState, { body, reply }: { body: unknown; reply: AckFn }): Promise<void> {
    if (state.dropped) return;
    if (!state.joins.take()) {
      if (state.joins.refusals > this.settings.joinRefusalsBeforeDisconnect) {
        this.drop(socket, state, 'join_flood', 'socket dropped: join flood');
        return;
      }
      joinsTotal.inc({ outcome: JoinErrorCodes.rateLimited });
      reply(refusal(JoinErrorCodes.rateLimited, 'too many joins; slow down'));
      return;
    }
    try {
      // A join whose socket went while it waited for the user's earlier joins is not served (nobody to answer).
      const outcome = await state.joinsInFlight.run(async () => (socket.connected ? this.joinSession.join(state.subscriber, body) : undefined));
      if (!outcome) return;
      joinsTotal.inc({ outcome: outcome.ack.ok ? 'ok' : outcome.ack.error.code });
      reply(outcome.ack);
      // After the acknowledgement: the client first gets what it missed, then live events.
      if (outcome.start) await outcome.start();
    } catch (error) {
      this.logger.warn({ msg: 'session join failed', socket_id: socket.id, error: (error as Error).message });
      joinsTotal.inc({ outcome: JoinErrorCodes.unavailable });
      reply(refusal(JoinErrorCodes.unavailable, 'temporarily unavailable; retry'));
    }
  }

  private onLeave(state: SocketState, { body, reply }: { body: unknown; reply: AckFn }): void {
    reply(this.joinSession.leave(state.subscriber, body));
  }

  /** Any packet counts: a client sending faster than the bucket refills is disconnected (packets still queued are ignored). */
  private guardAgainstFloods(socket: Socket, state: SocketState): void {
    const packets = new TokenBucket(this.settings.packetBurst, this.settings.packetsPerSecond);
    socket.use((_packet, next) => {
      if (state.dropped) return;
      if (packets.take()) return next();
      this.drop(socket, state, 'packet_flood', 'socket dropped: packet flood');
    });
  }

  /** A socket whose token expires stops receiving: it is disconnected at `exp`. */
  private disconnectAtExpiry(socket: Socket, state: SocketState, expiresAt: number | undefined): void {
    if (expiresAt === undefined) return;
    const arm = () => {
      const remaining = expiresAt - Date.now();
      if (remaining <= 0) {
        this.drop(socket, state, 'token_expired', 'socket token expired');
        return;
      }
      state.expiryTimer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
      state.expiryTimer.unref();
    };
    arm();
  }
}
