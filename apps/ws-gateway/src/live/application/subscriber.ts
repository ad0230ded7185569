import type { LoggedEvent } from '../domain/logged-event';
import type { SessionFeed } from '../domain/session-feed';

/** One connected socket as the use cases see it (the interface layer adapts a Socket.IO socket to it). */
export interface Subscriber {
  readonly id: string;
  readonly userId: string;
  readonly connected: boolean;
  readonly feeds: Map<string, SessionFeed>;
  deliver(event: LoggedEvent): void;
  joinRoom(sessionId: string): void;
  leaveRoom(sessionId: string): void;
}
