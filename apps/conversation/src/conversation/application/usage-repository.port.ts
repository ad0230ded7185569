
/** AI messages per user per UTC day, counted in the transaction that stores the message; implemented in infrastructure. */
export abstract class UsageRepository {
  /**
   * Counts one message if the user is under `max` (null = unlimited); returns the count after it, or null when
   * the limit was already reached. Concurrent messages of one user take turns, so the limit is exact.
   */
  abstract consume(userId: string, day: string, max: number | null): Promise<number | null>;
}
