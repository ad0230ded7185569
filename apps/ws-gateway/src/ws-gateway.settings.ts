import { Env, EnvReader, type SettingSpec } from '@choice-sherpa/platform';
import type { GatewaySettings, SharedConfig } from './live/application/gateway-settings';

const spec = (name: string, fallback: number, description: string): SettingSpec => ({ name, required: false, default: String(fallback), secret: false, description });

/** The gateway's own settings (README "Security" and apps/ws-gateway/README.md); the platform's are PLATFORM_SETTINGS. */
export const WS_GATEWAY_SETTINGS: readonly SettingSpec[] = [
  spec('WS_MAX_SOCKETS_PER_USER', 20, 'open /live sockets one user may hold on one replica; more are refused at the handshake'),
  spec('WS_MAX_SOCKETS_PER_ADDRESS', 100, 'open /live sockets one client address may hold on one replica (behind the entry proxy: the address TRUST_PROXY trusts)'),
  spec('WS_JOIN_ACCESS_WAIT_MS', 2_000, 'how long a join waits for a session the gateway has not seen yet'),
  spec('WS_JOIN_BURST', 20, "session:join burst per user (shared by the user's sockets)"),
  spec('WS_JOIN_PER_SECOND', 5, 'session:join refill per user per second'),
  spec('WS_JOIN_REFUSALS_BEFORE_DISCONNECT', 20, 'rate-limited joins in a row before the socket is dropped'),
  spec('WS_PACKET_BURST', 200, 'packets a socket may send at once; beyond the bucket the socket is dropped'),
  spec('WS_PACKETS_PER_SECOND', 50, 'packet refill per socket per second'),
  spec('WS_MAX_SESSIONS_PER_SOCKET', 50, 'sessions one socket may join'),
  spec('WS_MAX_MESSAGE_BYTES', 16 * 1024, 'largest frame; a bigger one closes the connection'),
  spec('WS_REPLAY_PAGE_SIZE', 500, 'events per read when a socket catches up'),
  spec('WS_FEED_CATCH_UP_INTERVAL_MS', 1_000, 'how often joined sessions are checked against the event log; an event whose announcement was lost reaches its sockets within two intervals'),
  spec('WS_EVENT_LOG_RETENTION_HOURS', 24, 'how long the per-session event log keeps events (replay with since)'),
  spec('WS_EVENT_LOG_SWEEP_INTERVAL_MS', 60_000, 'how often old log rows are deleted'),
];

/** Reads the gateway's settings once, at start; an invalid value stops the process naming the setting. */
export function loadGatewaySettings(config: SharedConfig, env: Env = process.env): GatewaySettings {
  const read = new EnvReader(env);
  const positive = (name: string) => {
    const setting = WS_GATEWAY_SETTINGS.find((candidate) => candidate.name === name);
    if (!setting) throw new Error(`${name} is not in WS_GATEWAY_SETTINGS`);
    return read.integer(name, Number(setting.default), { min: 1, max: 2_147_483_647 });
  };
  return {
    allowedOrigins: config.allowedOrigins,
    redisUrl: config.redisUrl,
    adapterKey: `${config.streamPrefix}:ws`,
    trustProxy: config.trustProxy,
    maxSocketsPerUser: positive('WS_MAX_SOCKETS_PER_USER'),
    maxSocketsPerAddress: positive('WS_MAX_SOCKETS_PER_ADDRESS'),
    joinAccessWaitMs: positive('WS_JOIN_ACCESS_WAIT_MS'),
    joinBurst: positive('WS_JOIN_BURST'),
    joinPerSecond: positive('WS_JOIN_PER_SECOND'),
    joinRefusalsBeforeDisconnect: positive('WS_JOIN_REFUSALS_BEFORE_DISCONNECT'),
    packetBurst: positive('WS_PACKET_BURST'),
    packetsPerSecond: positive('WS_PACKETS_PER_SECOND'),
    maxSessionsPerSocket: positive('WS_MAX_SESSIONS_PER_SOCKET'),
    maxMessageBytes: positive('WS_MAX_MESSAGE_BYTES'),
    replayPageSize: positive('WS_REPLAY_PAGE_SIZE'),
    feedCatchUpIntervalMs: positive('WS_FEED_CATCH_UP_INTERVAL_MS'),
    eventLogRetentionMs: positive('WS_EVENT_LOG_RETENTION_HOURS') * 3_600_000,
    eventLogSweepIntervalMs: positive('WS_EVENT_LOG_SWEEP_INTERVAL_MS'),
  };
}
