import { ConfigError } from '@choice-sherpa/platform';
import { loadGatewaySettings, WS_GATEWAY_SETTINGS } from './ws-gateway.settings';

const shared = { allowedOrigins: [], redisUrl: 'redis://127.0.0.1:6379', streamPrefix: 'cs:events', trustProxy: 0 };

describe('ws-gateway settings', () => {
  it('reads exactly the settings WS_GATEWAY_SETTINGS lists', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, { get: (_target, name) => (read.add(String(name)), undefined) });
    loadGatewaySettings(shared, env);
    expect([...read].sort()).toEqual(WS_GATEWAY_SETTINGS.map((setting) => setting.name).sort());
  });

  it('uses the documented defaults and names an invalid value', () => {
    const settings = loadGatewaySettings(shared, {});
    expect(settings).toMatchObject({ maxSocketsPerUser: 20, maxSocketsPerAddress: 100, joinBurst: 20, eventLogRetentionMs: 24 * 3_600_000, feedCatchUpIntervalMs: 1_000 });
    expect(() => loadGatewaySettings(shared, { WS_MAX_SOCKETS_PER_USER: '0' })).toThrow(ConfigError);
    expect(() => loadGatewaySettings(shared, { WS_MAX_SOCKETS_PER_USER: 'lots' })).toThrow(/^WS_MAX_SOCKETS_PER_USER/);
  });
});
