import { HttpException } from '@nestjs/common';

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

/** An error a client may see: the HTTP status, a stable code, a message without internals, optional details. */
export class ApiError extends HttpException {
  constructor(status: number, readonly code: string, message: string, readonly details: unknown[] = []) {
    super({ error: { code, message, details } } satisfies ApiErrorBody, status);
    this.name = 'ApiError';
    // HttpException derives its message from an object response's class name; keep the client message instead.
    this.message = message;
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** A field-level validation problem: `field` is the dotted path in the request (e.g. `output.items.0.name`). */
export interface FieldProblem {
  field: string;
  problems: string[];
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `${what} not found`);
}

export function conflict(code: string, message: string): ApiError {
  return new ApiError(409, code, message);
}

export function forbidden(code: string, message: string, details?: unknown[]): ApiError {
  return new ApiError(403, code, message, details);
}

export function badRequest(message: string, details: unknown[] = []): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', message, details);
}
