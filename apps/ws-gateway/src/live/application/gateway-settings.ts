/** The gateway's own settings (the shared ones come from the platform config). */
export interface GatewaySettings {
  allowedOrigins: string[];
  /** Redis for the Socket.IO adapter (replicas share rooms and announcements); undefined: one replica, in-memory adapter. */
  redisUrl: string | undefined;
  /** Prefixes the Socket.IO Redis adapter's channels, so deployments (and tests) sharing a Redis stay apart. */
  adapterKey: string;
  /** How long a join waits for the session.created projection before answering NOT_FOUND. */
  joinAccessWaitMs: number;
  joinBurst: number;
  joinPerSecond: number;
  /** A socket that keeps sending joins after this many refusals in a row is disconnected. */
  joinRefusalsBeforeDisconnect: number;
  /** Any incoming packet, per socket: bucket size and refill; beyond it the socket is dropped. */
  packetBurst: number;
  packetsPerSecond: number;
  maxSessionsPerSocket: number;
  maxMessageBytes: number;
  replayPageSize: number;
  /** Logged events older than this are deleted (bounded log). */
  eventLogRetentionMs: number;
  eventLogSweepIntervalMs: number;
}
export const GATEWAY_SETTINGS = Symbol('GatewaySettings');

export interface SharedConfig {
  allowedOrigins: string[];
  redisUrl: string | undefined;
  streamPrefix: string;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (got an invalid value)`);
  return value;
}

export function gatewaySettingsFrom(config: SharedConfig, env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  return {
    allowedOrigins: config.allowedOrigins,
    redisUrl: config.redisUrl,
    adapterKey: `${config.streamPrefix}:ws`,
    joinAccessWaitMs: positiveInt(env, 'WS_JOIN_ACCESS_WAIT_MS', 2_000),
    joinBurst: positiveInt(env, 'WS_JOIN_BURST', 20),
    joinPerSecond: positiveInt(env, 'WS_JOIN_PER_SECOND', 5),
    joinRefusalsBeforeDisconnect: positiveInt(env, 'WS_JOIN_REFUSALS_BEFORE_DISCONNECT', 20),
    packetBurst: positiveInt(env, 'WS_PACKET_BURST', 200),
    packetsPerSecond: positiveInt(env, 'WS_PACKETS_PER_SECOND', 50),
    maxSessionsPerSocket: positiveInt(env, 'WS_MAX_SESSIONS_PER_SOCKET', 50),
    maxMessageBytes: positiveInt(env, 'WS_MAX_MESSAGE_BYTES', 16 * 1024),
    replayPageSize: positiveInt(env, 'WS_REPLAY_PAGE_SIZE', 500),
    eventLogRetentionMs: positiveInt(env, 'WS_EVENT_LOG_RETENTION_HOURS', 24) * 3_600_000,
    eventLogSweepIntervalMs: positiveInt(env, 'WS_EVENT_LOG_SWEEP_INTERVAL_MS', 60_000),
  };
}
