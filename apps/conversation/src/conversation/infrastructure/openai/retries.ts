import { APIConnectionError, APIError } from 'openai';
import type { ConversationSettings } from '../../../conversation.settings';
import { FacilitatorUnavailableError } from '../../application/facilitator.port';

const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 4_000;

/** Seconds or milliseconds the server asked us to wait (Retry-After: seconds or an HTTP date; retry-after-ms). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function retryable(error: unknown): boolean {
  if (error instanceof APIError && error.status !== undefined) return error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof APIConnectionError;
}

/**
 * Runs `attempt` up to 1 + maxRetries times. Each attempt is bounded by AI_TIMEOUT_MS of silence (`idle()` resets
 * it while a stream flows). Retries follow 429/5xx/connection failures, waiting what Retry-After asks; a wait longer
 * than the timeout is not waited for: the caller gets AI_UNAVAILABLE with that Retry-After instead.
 */
export async function withRetries<T>(
  settings: Pick<ConversationSettings, 'timeoutMs' | 'maxRetries'>,
  mayRetry: () => boolean,
  attempt: (signal: AbortSignal, idle: () => void) => Promise<T>,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    const controller = new AbortController();
    let timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    };
    try {
      return await attempt(controller.signal, idle);
    } catch (error) {
      const timedOut = controller.signal.aborted;
      if (timedOut && (!mayRetry() || retry >= settings.maxRetries)) throw new FacilitatorUnavailableError('timeout', 5);
      if (!timedOut && (!retryable(error) || !mayRetry() || retry >= settings.maxRetries)) throw error;
      const asked = error instanceof APIError ? retryAfterMs(error.headers) : undefined;
      if (asked !== undefined && asked > settings.timeoutMs) {
        throw new FacilitatorUnavailableError((error as APIError).status === 429 ? 'rate_limited' : 'unavailable', Math.ceil(asked / 1000));
      }
      const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry) * (0.75 + Math.random() * 0.25);
      await new Promise((resolve) => setTimeout(resolve, asked ?? backoff));
    } finally {
      clearTimeout(timer);
    }
  }
}
