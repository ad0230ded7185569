import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { GATEWAY_SETTINGS, GatewaySettings } from '../application/gateway-settings';
import { JoinSession } from '../application/join-session';
import { JoinAck, JoinErrorCodes, refusal } from '../domain/join-errors';
import { TokenBucket } from '../domain/rate-limiter';
import { connectedSockets, joinsTotal, socketsDropped } from '../infrastructure/live.metrics';
import { SocketIoAnnouncer } from '../infrastructure/socket-io-announcer';
import { HANDSHAKE_VERIFIER, HandshakeVerifier, handshakeAuthenticator, SocketIdentity } from './handshake-auth';
import { SocketSubscriber } from './socket-subscriber';

/** setTimeout's ceiling (~24.8 days); a later expiry is re-armed when reached. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface SocketState {
  subscriber: SocketSubscriber;
  joins: TokenBucket;
  expiryTimer?: NodeJS.Timeout;
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

  constructor(
    private readonly joinSession: JoinSession,
    private readonly announcer: SocketIoAnnouncer,
    @Inject(HANDSHAKE_VERIFIER) private readonly verifier: HandshakeVerifier,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(handshakeAuthenticator(this.verifier, this.logger));
    this.announcer.attach(namespace);
  }

  handleConnection(socket: Socket): void {
    const identity = socket.data.identity as SocketIdentity | undefined;
    if (!identity) {
      socket.disconnect(true);
      return;
    }
    const state: SocketState = {
      subscriber: new SocketSubscriber(socket, identity.userId),
      joins: new TokenBucket(this.settings.joinBurst, this.settings.joinPerSecond),
    };
    this.states.set(socket, state);
    this.guardAgainstFloods(socket);
    this.disconnectAtExpiry(socket, state, identity.expiresAt);
    socket.on('session:join', (...args: unknown[]) => void this.onJoin(socket, state, messageOf(args)));
    socket.on('session:leave', (...args: unknown[]) => this.onLeave(state, messageOf(args)));
    connectedSockets.inc();
    this.logger.log({ msg: 'socket connected', socket_id: socket.id });
  }

  handleDisconnect(socket: Socket): void {
    const state = this.states.get(socket);
    if (!state) return;
    clearTimeout(state.expiryTimer);
    connectedSockets.dec();
    this.joinSession.disconnect(state.subscriber);
    this.states.delete(socket);
  }

  private async onJoin(socket: Socket, state: SocketState, { body, reply }: { body: unknown; reply: AckFn }): Promise<void> {
    if (!state.joins.take()) {
      if (state.joins.refusals > this.settings.joinRefusalsBeforeDisconnect) {
        this.logger.warn({ msg: 'socket dropped: join flood', socket_id: socket.id });
        socketsDropped.inc({ reason: 'join_flood' });
        socket.disconnect(true);
        return;
      }
      joinsTotal.inc({ outcome: JoinErrorCodes.rateLimited });
      reply(refusal(JoinErrorCodes.rateLimited, 'too many joins; slow down'));
      return;
    }
    try {
      const outcome = await this.joinSession.join(state.subscriber, body);
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

  /** Any packet counts: a client sending faster than the bucket refills is disconnected. */
  private guardAgainstFloods(socket: Socket): void {
    const packets = new TokenBucket(this.settings.packetBurst, this.settings.packetsPerSecond);
    socket.use((_packet, next) => {
      if (packets.take()) return next();
      this.logger.warn({ msg: 'socket dropped: packet flood', socket_id: socket.id });
      socketsDropped.inc({ reason: 'packet_flood' });
      socket.disconnect(true);
    });
  }

  /** A socket whose token expires stops receiving: it is disconnected at `exp`. */
  private disconnectAtExpiry(socket: Socket, state: SocketState, expiresAt: number | undefined): void {
    if (expiresAt === undefined) return;
    const arm = () => {
      const remaining = expiresAt - Date.now();
      if (remaining <= 0) {
        this.logger.log({ msg: 'socket token expired', socket_id: socket.id });
        socketsDropped.inc({ reason: 'token_expired' });
        socket.disconnect(true);
        return;
      }
      state.expiryTimer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
      state.expiryTimer.unref();
    };
    arm();
  }
}
