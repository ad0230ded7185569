import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from '@choice-sherpa/events/outputs/plain-values';
import { v7 as uuidv7 } from 'uuid';

interface CorrelationStore {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationStore>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** UUIDs only: a client-supplied id is echoed into logs and events, so anything else is replaced. */
export function isValidCorrelationId(value: unknown): value is string {
  return isUuid(value);
}

export function newCorrelationId(): string {
  return uuidv7();
}

export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

/** The current request's (or event's) correlation id; a fresh one outside any request, so callers always get an id. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? newCorrelationId();
}

/** The current correlation id, or undefined outside a request (for logs, which must not invent ids). */
export function activeCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
