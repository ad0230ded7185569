import type { TrustProxy } from '@choice-sherpa/platform';

/** The gateway's own settings (read by `loadGatewaySettings`, ws-gateway.settings.ts; the shared ones come from the platform config). */
export interface GatewaySettings {
  allowedOrigins: string[];
  /** Redis for the Socket.IO adapter (replicas share rooms and announcements); undefined: one replica, in-memory adapter. */
  redisUrl: string | undefined;
  /** Prefixes the Socket.IO Redis adapter's channels, so deployments (and tests) sharing a Redis stay apart. */
  adapterKey: string;
  /** Whose X-Forwarded-For is believed for a handshake's client address (the platform's TRUST_PROXY). */
  trustProxy: TrustProxy;
  maxSocketsPerUser: number;
  maxSocketsPerAddress: number;
  /** How long a join waits for the session.created projection before answering NOT_FOUND. */
  joinAccessWaitMs: number;
  /** Per user, shared by the user's sockets on this replica. */
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
  /** How often the heads of joined sessions are compared with their feeds (delivers an event whose announcement was lost). */
  feedCatchUpIntervalMs: number;
  /** Logged events older than this are deleted (bounded log). */
  eventLogRetentionMs: number;
  eventLogSweepIntervalMs: number;
}
export const GATEWAY_SETTINGS = Symbol('GatewaySettings');

export interface SharedConfig {
  allowedOrigins: string[];
  redisUrl: string | undefined;
  streamPrefix: string;
  trustProxy: TrustProxy;
}
