import type { DqElementScore, EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { Cycle } from '../domain/cycle.aggregate';

/** A cycle's DQ score as analysis.dq_computed reports it. */
export interface CycleDqScore {
  cycleId: string;
  sessionId: string;
  overallScore: number;
  elementScores: DqElementScore[];
  computedAt: string;
  eventId: string;
  /** The event's per-cycle sequence: the higher one is the newer result. */
  sequence: number;
}

/** Cycles, always read through their owner and saved inside the caller's unit of work; implemented in infrastructure. */
export abstract class CycleRepository {
  /** The cycle if `userId` owns its session; undefined otherwise (404). */
  abstract findOwned(cycleId: string, userId: string): Promise<Cycle | undefined>;

  /** The cycle, row-locked for this transaction, if `userId` owns its session; undefined otherwise (404). */
  abstract findOwnedForUpdate(cycleId: string, userId: string): Promise<Cycle | undefined>;

  /** For consumers: the cycle by id, row-locked, whoever owns it (the caller checks the event against it). */
  abstract findForUpdate(cycleId: string): Promise<{ cycle: Cycle; ownerId: string } | undefined>;

  abstract countInSession(sessionId: string): Promise<number>;

  /** Saves the cycle (optimistic concurrency) and queues the events it recorded. */
  abstract save(tx: UnitOfWorkTransaction, cycle: Cycle, metadata: EventMetadataInput): Promise<void>;

  /** The DQ score analysis reported for the cycle, null before one arrived. */
  abstract dqScoreOf(cycleId: string): Promise<number | null>;

  /** Whether the cycle exists in that session. */
  abstract existsInSession(cycleId: string, sessionId: string): Promise<boolean>;

  /** Stores the score unless the stored one has the same or a higher sequence (a newer result is never replaced). */
  abstract recordDqScoreIfNewer(score: CycleDqScore): Promise<void>;
}
