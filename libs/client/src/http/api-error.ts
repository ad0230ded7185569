import type { MembershipTier } from '../domain/vocabulary';

/** `details` of a 403 TIER_LIMIT (DOMAIN.md "Memberships and limits"). */
export interface TierLimitDetails {
  limit: string;
  current: number;
  max: number;
  /** the lowest tier that lifts the limit; null when none does */
  required_tier: MembershipTier | null;
}

/** A field-level validation problem of a 400. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * The one error shape of every service (API.md "Errors") as a typed error. Network failures and answers that are
 * not the error shape become an ApiError too (status 0 `NETWORK`, or the HTTP status with code `UNEXPECTED`), so a
 * caller handles one kind of error.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** seconds, from Retry-After (503 UNAVAILABLE / AI_UNAVAILABLE, 429) */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The tier limit this error reports, when it is one. */
  get tierLimit(): TierLimitDetails | null {
    if (this.code !== 'TIER_LIMIT') return null;
    const first = this.details[0] as Partial<TierLimitDetails> | undefined;
    if (!first || typeof first.limit !== 'string') return null;
    return { limit: first.limit, current: Number(first.current), max: Number(first.max), required_tier: first.required_tier ?? null };
  }

  /** Field problems of a validation error. */
  get fieldProblems(): FieldProblem[] {
    return this.details.filter((d): d is FieldProblem => typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string');
  }

  static network(cause: unknown): ApiError {
    const aborted = cause instanceof Error && (cause.name === 'AbortError' || cause.name === 'TimeoutError');
    return new ApiError(0, aborted ? 'ABORTED' : 'NETWORK', aborted ? 'the request was cancelled or timed out' : 'the server could not be reached');
  }

  /** Builds the error from a response body (parsed JSON or text). */
  static fromResponse(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
    const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new ApiError(status, error.code, error.message, Array.isArray(error.details) ? error.details : [], retryAfter);
    }
    return new ApiError(status, 'UNEXPECTED', `unexpected answer (HTTP ${status})`, [], retryAfter);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
