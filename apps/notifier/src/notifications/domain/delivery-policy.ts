import type { DeliveryOutcome } from './delivery-outcome';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** A deferred message older than this is given up. */
  giveUpAfterMs: number;
}

/** What the mail outbox row becomes after a delivery attempt. */
export type NextStep =
  | { state: 'sent' }
  | { state: 'failed'; error: string }
  | { state: 'pending'; error: string; retryAt: Date; pauseSenderMs?: number };

/** Exponential: base, 2×base, 4×base... capped at max. `failures` counts from 1. */
export function retryDelayMs(failures: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 40));
}

/**
 * `attempts` includes this one; `serverFailures` counts consecutive unavailable outcomes (this one included). While the
 * server is unavailable the whole sender pauses, so the oldest message goes first when it returns; a message the
 * server defers only waits itself, and is given up once it is older than the policy allows.
 */
export function nextStep(outcome: DeliveryOutcome, attempt: { attempts: number; createdAt: Date; serverFailures: number }, now: Date, policy: RetryPolicy): NextStep {
  switch (outcome.kind) {
    case 'accepted':
      return { state: 'sent' };
    case 'rejected':
      return { state: 'failed', error: outcome.reason };
    case 'unavailable': {
      const pause = retryDelayMs(attempt.serverFailures, policy);
      return { state: 'pending', error: outcome.reason, retryAt: new Date(now.getTime() + pause), pauseSenderMs: pause };
    }
    case 'deferred':
      if (now.getTime() - attempt.createdAt.getTime() >= policy.giveUpAfterMs) return { state: 'failed', error: `gave up after ${attempt.attempts} attempts: ${outcome.reason}` };
      return { state: 'pending', error: outcome.reason, retryAt: new Date(now.getTime() + retryDelayMs(attempt.attempts, policy)) };
  }
}
