import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DomainError } from '../domain/domain-errors';
import { toApiError } from './domain-error.mapper';

/** Domain refusals thrown by command handlers become API errors (HTTP only: stream handlers keep their errors). */
@Injectable()
export class DomainErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(catchError((error: unknown) => throwError(() => (error instanceof DomainError ? toApiError(error) : error))));
  }
}
