import type { ReadModelStore } from '../domain/read-model.store';

/** One entry of a partition stream, as read from Redis. */
export interface StreamEntry {
  stream: string;
  id: string;
  fields: Record<string, string>;
}

/** The read model inside the rebuild's transaction, emptied (with the projection's processed_events) when it began. */
export interface EmptiedReadModel {
  store: ReadModelStore;
  /** Gives the event its processed_events row; false when it already has one (the streams hold it twice). */
  markProcessed(eventId: string): Promise<boolean>;
}

/** The rebuild's transaction; implemented in infrastructure. */
export interface ReadModelReset {
  /**
   * Runs `work` in ONE transaction that first locks and empties the read model and the projection's processed_events;
   * a failure rolls everything back and leaves the old model untouched.
   */
  inEmptiedReadModel<T>(work: (model: EmptiedReadModel) => Promise<T>): Promise<T>;
}
