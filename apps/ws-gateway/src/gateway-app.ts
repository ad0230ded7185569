import type { INestApplication } from '@nestjs/common';
import { RedisStreamsServer, RedisStreamsServerConfig, serviceStreamConsumer } from '@choice-sherpa/events';
import type { PlatformConfig } from '@choice-sherpa/platform';
import { GATEWAY_SETTINGS, GatewaySettings } from './live/application/gateway-settings';
import { LiveIoAdapter } from './live/infrastructure/live-io.adapter';

/**
 * Before the app listens: the Socket.IO server (Redis adapter, Origin allowlist, frame limit), then init, so the
 * /live namespace exists before the stream consumer starts announcing events. Returns the adapter (tests reach the
 * Socket.IO server through it).
 */
export async function prepareLiveServer(app: INestApplication): Promise<LiveIoAdapter> {
  const adapter = new LiveIoAdapter(app, app.get<GatewaySettings>(GATEWAY_SETTINGS));
  app.useWebSocketAdapter(adapter);
  await app.init();
  return adapter;
}

/** The gateway's stream consumer: group `ws-gateway` on the configured partitioned streams. */
export function gatewayConsumer(app: INestApplication, config: PlatformConfig, overrides: Partial<RedisStreamsServerConfig> = {}): RedisStreamsServer {
  return serviceStreamConsumer(app, config, overrides);
}
