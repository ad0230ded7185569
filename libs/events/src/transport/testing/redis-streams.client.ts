import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type Redis from 'ioredis';
import { RedisStreamBroker } from '../../broker/redis-stream-broker';
import type { StreamBroker } from '../../broker/stream-broker';
import type { EventEnvelope } from '../../envelope/event-envelope';
import { DEFAULT_STREAM_LAYOUT, StreamLayout, streamFor } from '../../streams/stream-layout';
import { defaultParseMessage, ParseMessage } from '../parse-seam';

export interface RedisStreamsClientOptions {
  /** Redis URL (a connection of its own), or `broker`. */
  url?: string;
  /** A broker to publish to instead (not closed by the client). */
  broker?: StreamBroker;
  layout?: StreamLayout;
  commandTimeoutMs?: number;
  parseMessage?: ParseMessage;
}

/**
 * Publishes validated envelopes to their aggregate's partition stream (no trimming: the consumers' trimmer owns it).
 * Request-response is not part of an event stream, so `send` is refused. (Named after its first broker; the outbox
 * relay is how services publish: this client serves tests, tools and benchmarks.)
 */
export class RedisStreamsClient extends ClientProxy {
  private own?: RedisStreamBroker;
  private readonly layout: StreamLayout;
  private readonly parseMessage: ParseMessage;

  constructor(private readonly options: RedisStreamsClientOptions) {
    super();
    this.layout = options.layout ?? DEFAULT_STREAM_LAYOUT;
    this.parseMessage = options.parseMessage ?? defaultParseMessage;
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  /** The Redis connection it publishes through (tests and tools inspect streams with it); with a broker, refused. */
  async connect(): Promise<Redis> {
    const broker = this.broker();
    if (!(broker instanceof RedisStreamBroker)) throw new Error('RedisStreamsClient: this client publishes to a broker that is not Redis');
    return broker.connection;
  }

  broker(): StreamBroker {
    if (this.options.broker) return this.options.broker;
    if (!this.options.url) throw new Error('RedisStreamsClient: set url or broker');
    this.own ??= RedisStreamBroker.connect(this.options.url, this.options.commandTimeoutMs ?? 5_000, 'events-client');
    return this.own;
  }

  async close(): Promise<void> {
    await this.own?.close();
    this.own = undefined;
  }

  unwrap<T>(): T {
    return (this.options.broker ?? this.own) as T;
  }

  /** XADDs the envelope to `streamFor(layout, aggregate_id)`; resolves with the entry id. */
  async publishEvent(envelope: EventEnvelope): Promise<string> {
    const fields = { type: envelope.event_type, data: JSON.stringify(envelope) };
    const parsed = this.parseMessage(fields);
    if (!parsed.ok) throw new Error(`refusing to publish an invalid event (${parsed.reason.code}): ${parsed.reason.message}`);
    const [id] = await this.broker().append([{ stream: streamFor(this.layout, envelope.aggregate_id), fields }]);
    return id;
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
