import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type Redis from 'ioredis';
import type { EventEnvelope } from '../envelope/event-envelope';
import { DEFAULT_STREAM_LAYOUT, StreamLayout, streamFor } from '../streams/stream-layout';
import { defaultParseMessage, ParseMessage } from './parse-seam';
import { createRedis } from './redis-connection';

export interface RedisStreamsClientOptions {
  url: string;
  layout?: StreamLayout;
  commandTimeoutMs?: number;
  parseMessage?: ParseMessage;
}

/**
 * Publishes validated envelopes to their aggregate's partition stream (no trimming: the consumers' trimmer owns it).
 * Request-response is not part of an event stream, so `send` is refused.
 */
export class RedisStreamsClient extends ClientProxy {
  private redis?: Redis;
  private readonly layout: StreamLayout;
  private readonly parseMessage: ParseMessage;

  constructor(private readonly options: RedisStreamsClientOptions) {
    super();
    this.layout = options.layout ?? DEFAULT_STREAM_LAYOUT;
    this.parseMessage = options.parseMessage ?? defaultParseMessage;
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  async connect(): Promise<Redis> {
    this.redis ??= createRedis(this.options.url, this.options.commandTimeoutMs ?? 5_000, 'events-client');
    return this.redis;
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
    this.redis = undefined;
  }

  unwrap<T>(): T {
    return this.redis as T;
  }

  /** XADDs the envelope to `streamFor(layout, aggregate_id)`; resolves with the entry id. */
  async publishEvent(envelope: EventEnvelope): Promise<string> {
    const fields = { type: envelope.event_type, data: JSON.stringify(envelope) };
    const parsed = this.parseMessage(fields);
    if (!parsed.ok) throw new Error(`refusing to publish an invalid event (${parsed.reason.code}): ${parsed.reason.message}`);
    const redis = await this.connect();
    const id = await redis.xadd(streamFor(this.layout, envelope.aggregate_id), '*', 'type', fields.type, 'data', fields.data);
    return id as string;
  }

  protected async dispatchEvent<T = string>(packet: ReadPacket<EventEnvelope>): Promise<T> {
    if (packet.pattern !== packet.data?.event_type) throw new Error('emit pattern must equal the envelope event_type');
    return (await this.publishEvent(packet.data)) as T;
  }

  protected publish(_packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    callback({ err: new Error('RedisStreamsClient supports events only (emit); request-response (send) is not supported'), isDisposed: true });
    return () => undefined;
  }
}
