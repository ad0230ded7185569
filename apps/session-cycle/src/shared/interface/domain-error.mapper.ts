import { ApiError } from '@choice-sherpa/platform';
import { DomainError, DomainErrorKind, FieldError, InvalidOutputError, ValidationError } from '../domain/domain-errors';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = { validation: 400, forbidden: 403, not_found: 404, conflict: 409 };

/** The one place a domain refusal becomes an HTTP answer: validation 400, forbidden 403, not_found 404, conflict 409. */
export function toApiError(error: DomainError): ApiError {
  return new ApiError(STATUS_BY_KIND[error.kind], error.code, error.message, detailsOf(error));
}

function detailsOf(error: DomainError): unknown[] {
  // Output fields are named as the client sent them: inside the request's `output` object.
  if (error instanceof InvalidOutputError) return error.details.map((problem) => fieldProblem(problem, 'output.'));
  if (error instanceof ValidationError) return error.details.map((problem) => fieldProblem(problem, ''));
  if (error.details === undefined) return [];
  return Array.isArray(error.details) ? error.details : [error.details];
}

function fieldProblem({ field, message }: FieldError, prefix: string) {
  return { field: `${prefix}${field}`, problems: [message] };
}
