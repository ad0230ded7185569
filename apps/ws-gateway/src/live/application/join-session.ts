import { Inject, Injectable, Logger } from '@nestjs/common';
import { JoinAck, JoinErrorCodes, JOINED, refusal } from '../domain/join-errors';
import { parseJoinRequest, parseLeaveRequest } from '../domain/join-request';
import { SessionFeed } from '../domain/session-feed';
import { FeedRegistry } from './feed-registry';
import { GATEWAY_SETTINGS, GatewaySettings } from './gateway-settings';
import { EVENT_LOG_READER, EventLogReader, FEED_MONITOR, FeedMonitor } from './ports';
import { SessionAuthorizer } from './session-authorizer';
import type { Subscriber } from './subscriber';

export interface JoinOutcome {
  ack: JoinAck;
  /** Run after the acknowledgement went out: replays what the client missed, then the feed follows live events. */
  start?: () => Promise<void>;
}

const NOT_FOUND = refusal(JoinErrorCodes.notFound, 'session not found');

@Injectable()
export class JoinSession {
  private readonly logger = new Logger(JoinSession.name);

  constructor(
    private readonly authorizer: SessionAuthorizer,
    @Inject(EVENT_LOG_READER) private readonly log: EventLogReader,
    private readonly registry: FeedRegistry,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(FEED_MONITOR) private readonly monitor: FeedMonitor,
  ) {}

  async join(subscriber: Subscriber, body: unknown): Promise<JoinOutcome> {
    const parsed = parseJoinRequest(body);
    if (!parsed.ok) return { ack: refusal(JoinErrorCodes.invalidRequest, parsed.message) };
    const { sessionId, since } = parsed.value;
    if (!subscriber.feeds.has(sessionId) && subscriber.feeds.size >= this.settings.maxSessionsPerSocket) {
      return { ack: refusal(JoinErrorCodes.tooManySessions, `at most ${this.settings.maxSessionsPerSocket} sessions per connection`) };
    }
    // Unknown and not-owned sessions get the same answer: the gateway never confirms another user's session exists.
    const owner = await this.authorizer.ownerOf(sessionId, this.settings.joinAccessWaitMs);
    if (owner === null || owner !== subscriber.userId) {
      this.logger.log({ msg: 'session join refused', socket_id: subscriber.id, session_id: sessionId, reason: owner === null ? 'unknown' : 'not_owner' });
      return { ack: NOT_FOUND };
    }
    const start = since === undefined ? await this.log.head(sessionId) : await this.log.positionOf(sessionId, since);
    if (start === null) {
      return { ack: refusal(JoinErrorCodes.sinceUnknown, 'the event given as since is not in the retained log; join without since and reload the session') };
    }
    if (!subscriber.connected) return { ack: NOT_FOUND };
    this.stopFeed(subscriber, sessionId);
    const feed = new SessionFeed(sessionId, start, this.log, (event) => subscriber.deliver(event), {
      pageSize: this.settings.replayPageSize,
      // Every failure is logged and counted; the feed keeps retrying with backoff (and the periodic check nudges it).
      onError: (error, failures) => {
        this.monitor.readFailed();
        this.logger.warn({ msg: 'feed read failed; retrying', socket_id: subscriber.id, session_id: sessionId, failures, error: (error as Error).message });
      },
    });
    // Registered before the replay read: a live event announced meanwhile triggers another read, so none is missed.
    this.registry.add(feed);
    subscriber.feeds.set(sessionId, feed);
    subscriber.joinRoom(sessionId);
    this.logger.log({ msg: 'session joined', socket_id: subscriber.id, session_id: sessionId, replay: since !== undefined });
    return { ack: JOINED, start: () => feed.catchUp() };
  }

  leave(subscriber: Subscriber, body: unknown): JoinAck {
    const parsed = parseLeaveRequest(body);
    if (!parsed.ok) return refusal(JoinErrorCodes.invalidRequest, parsed.message);
    this.stopFeed(subscriber, parsed.value.sessionId);
    return JOINED;
  }

  disconnect(subscriber: Subscriber): void {
    for (const sessionId of [...subscriber.feeds.keys()]) this.stopFeed(subscriber, sessionId);
  }

  private stopFeed(subscriber: Subscriber, sessionId: string): void {
    const feed = subscriber.feeds.get(sessionId);
    if (!feed) return;
    this.registry.remove(feed);
    subscriber.feeds.delete(sessionId);
    subscriber.leaveRoom(sessionId);
  }
}
