import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiError } from '@choice-sherpa/platform';
import { catchError, Observable, throwError } from 'rxjs';
import { ConversationError, type ConversationErrorKind } from '../domain/conversation-errors';

const STATUS: Record<ConversationErrorKind, number> = { validation: 400, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422 };

export function toApiError(error: ConversationError): ApiError {
  return new ApiError(STATUS[error.kind], error.code, error.message, error.details);
}

/** Domain refusals become API errors (HTTP only: stream handlers keep their errors for the transport). */
@Injectable()
export class ConversationErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(catchError((error: unknown) => throwError(() => (error instanceof ConversationError ? toApiError(error) : error))));
  }
}
