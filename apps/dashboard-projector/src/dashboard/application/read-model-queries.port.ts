import type { SessionRecords } from '../domain/session-records';

/** The reads behind the dashboard's views; implemented in infrastructure. */
export abstract class ReadModelQueries {
  abstract sessionIdsOwnedBy(userId: string): Promise<string[]>;

  abstract sessionIdOfCycle(cycleId: string): Promise<string | undefined>;

  /** cycle id -> session id, for the cycles that exist. */
  abstract sessionIdsOfCycles(cycleIds: string[]): Promise<Map<string, string>>;

  /** The records of each given session that exists, read at one moment (a view never mixes two). */
  abstract sessionRecords(sessionIds: string[]): Promise<SessionRecords[]>;
}
