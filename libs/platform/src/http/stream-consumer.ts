import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';

/**
 * Attaches a stream consumer (e.g. RedisStreamsServer) to the app, sharing the app's global enhancers. Without
 * them Nest's default RPC filter turns every handler error into `{"status":"error","message":"Internal server
 * error"}`; the platform's filter rethrows stream errors instead, so the transport retries and dead-letters them with
 * their real message. The platform's guards pass non-HTTP contexts through, and its ValidationPipe leaves handler
 * payloads typed as interfaces (TransportEvent, TypedEvent) untouched.
 */
export function connectStreamConsumer(app: INestApplication, strategy: CustomTransportStrategy): INestMicroservice {
  return app.connectMicroservice({ strategy }, { inheritAppConfig: true });
}
