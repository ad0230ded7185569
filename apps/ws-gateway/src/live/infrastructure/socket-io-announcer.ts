import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { FeedRegistry } from '../application/feed-registry';
import { GATEWAY_SETTINGS, GatewaySettings } from '../application/gateway-settings';
import type { LiveAnnouncer } from '../application/ports';
import type { LoggedEvent } from '../domain/logged-event';
import { isUuid } from '@choice-sherpa/events/outputs/plain-values';

/** Server-to-server message (never sent to clients). */
const LOGGED = 'gateway:event-logged';

/**
 * Announces logged events to this replica's feeds directly and to the other replicas through the Socket.IO Redis
 * adapter (`serverSideEmit`: Redis pub/sub, in publish order). Each replica then feeds its own sockets, so every
 * socket gets its session's events in log order whichever replica consumed them. Without Redis there are no other
 * replicas (one process hosts everything) and nothing to tell them. Pub/sub is not durable: an announcement lost in
 * a Redis blip is delivered by each replica's FeedCatchUp, which compares its feeds with the log's heads.
 */
@Injectable()
export class SocketIoAnnouncer implements LiveAnnouncer {
  private readonly logger = new Logger(SocketIoAnnouncer.name);
  private namespace?: Namespace;

  constructor(
    private readonly registry: FeedRegistry,
    @Inject(GATEWAY_SETTINGS) private readonly settings: Pick<GatewaySettings, 'redisUrl'>,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(LOGGED, (event: unknown) => {
      if (isLoggedEvent(event)) this.registry.dispatch(event);
    });
  }

  announce(event: LoggedEvent): void {
    this.registry.dispatch(event);
    if (!this.settings.redisUrl) return;
    if (!this.namespace) {
      this.logger.warn({ msg: 'event logged before the Socket.IO namespace exists; other replicas deliver it at their next feed check', event_id: event.event_id });
      return;
    }
    this.namespace.serverSideEmit(LOGGED, event);
  }
}

function isLoggedEvent(value: unknown): value is LoggedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<LoggedEvent>;
  return Number.isSafeInteger(event.position) && isUuid(event.session_id) && typeof event.event_id === 'string';
}
