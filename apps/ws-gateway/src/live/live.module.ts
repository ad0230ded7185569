import { DynamicModule, InjectionToken, Module, Provider } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import { DeliverEvent } from './application/deliver-event';
import { FeedCatchUp } from './application/feed-catch-up';
import { FeedRegistry } from './application/feed-registry';
import { GATEWAY_SETTINGS, GatewaySettings } from './application/gateway-settings';
import { JoinSession } from './application/join-session';
import { ACCESS_SIGNALS, EVENT_LOG_READER, EVENT_LOG_WRITER, FEED_MONITOR, LIVE_ANNOUNCER, SESSION_ACCESS_READER } from './application/ports';
import { SessionAuthorizer } from './application/session-authorizer';
import { EventLogRetention } from './infrastructure/event-log-retention';
import { PgAccessSignals } from './infrastructure/pg-access-signals';
import { PgEventLogStore } from './infrastructure/pg-event-log.store';
import { PgSessionAccessStore } from './infrastructure/pg-session-access.store';
import { PromFeedMonitor } from './infrastructure/prom-feed-monitor';
import { SocketIoAnnouncer } from './infrastructure/socket-io-announcer';
import { HANDSHAKE_VERIFIER, HandshakeVerifier } from './interface/handshake-auth';
import { LiveEventsConsumer } from './interface/live-events.consumer';
import { LiveGateway } from './interface/live.gateway';

/** How to obtain a dependency: a value, a factory with its injections, or another provider's token. */
export type Recipe<T> =
  | { useValue: T }
  | { useFactory: (...args: never[]) => T | Promise<T>; inject?: InjectionToken[] }
  | { useExisting: InjectionToken };

export interface LiveModuleOptions {
  /** Provides GATEWAY_SETTINGS. */
  settings: Recipe<GatewaySettings>;
  /** Provides HANDSHAKE_VERIFIER (the platform's TokenVerifier). */
  verifier: Recipe<HandshakeVerifier>;
}

/**
 * Live delivery: the access projection, the per-session event log, the /live Socket.IO gateway and its stream
 * consumers. Needs a TypeORM DataSource in the application (the platform's).
 */
@Module({})
export class LiveModule {
  static forRoot(options: LiveModuleOptions): DynamicModule {
    return {
      module: LiveModule,
      controllers: [LiveEventsConsumer],
      providers: [
        { ...options.settings, provide: GATEWAY_SETTINGS } as Provider,
        { ...options.verifier, provide: HANDSHAKE_VERIFIER } as Provider,
        FeedRegistry,
        SessionAuthorizer,
        JoinSession,
        DeliverEvent,
        TransactionScope,
        PgSessionAccessStore,
        PgEventLogStore,
        PgAccessSignals,
        SocketIoAnnouncer,
        EventLogRetention,
        FeedCatchUp,
        PromFeedMonitor,
        LiveGateway,
        { provide: SESSION_ACCESS_READER, useExisting: PgSessionAccessStore },
        { provide: ACCESS_SIGNALS, useExisting: PgAccessSignals },
        { provide: EVENT_LOG_READER, useExisting: PgEventLogStore },
        { provide: EVENT_LOG_WRITER, useExisting: PgEventLogStore },
        { provide: LIVE_ANNOUNCER, useExisting: SocketIoAnnouncer },
        { provide: FEED_MONITOR, useExisting: PromFeedMonitor },
      ],
      exports: [GATEWAY_SETTINGS, PgEventLogStore, EventLogRetention, FeedRegistry, FeedCatchUp],
    };
  }
}
