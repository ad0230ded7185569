import type { Socket } from 'socket.io';
import type { Subscriber } from '../application/subscriber';
import { LoggedEvent, roomOf, toClientEvent } from '../domain/logged-event';
import type { SessionFeed } from '../domain/session-feed';
import { eventsSent } from '../infrastructure/live.metrics';

/** A Socket.IO socket seen as a Subscriber: events go out as `event` with the API.md shape. */
export class SocketSubscriber implements Subscriber {
  readonly feeds = new Map<string, SessionFeed>();

  constructor(
    private readonly socket: Socket,
    readonly userId: string,
  ) {}

  get id(): string {
    return this.socket.id;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  deliver(event: LoggedEvent): void {
    this.socket.emit('event', toClientEvent(event));
    eventsSent.inc();
  }

  joinRoom(sessionId: string): void {
    void this.socket.join(roomOf(sessionId));
  }

  leaveRoom(sessionId: string): void {
    void this.socket.leave(roomOf(sessionId));
  }
}
