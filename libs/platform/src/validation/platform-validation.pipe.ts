import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldProblem } from '../errors/api-error';
import { findForbiddenKeys } from './forbidden-keys';

/**
 * Whitelist + forbidNonWhitelisted + transform, and 400 VALIDATION_FAILED whose details name every field path.
 * Bodies, queries and params holding `__proto__`/`constructor`/`prototype` keys are refused before any copying.
 */
@Injectable()
export class PlatformValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) => badRequestFor(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const forbidden = REQUEST_DATA.has(metadata.type) ? findForbiddenKeys(value) : [];
    if (forbidden.length > 0) {
      const prefix = metadata.data ? `${metadata.data}.` : '';
      throw badRequestFor(forbidden.map((field) => ({ field: prefix + field, problems: ['this key is not allowed (or nested too deeply)'] })));
    }
    return super.transform(value, metadata);
  }
}

/** Where client data arrives (a stream handler's payload also reports 'body'; its context reports 'custom'). */
const REQUEST_DATA = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

function badRequestFor(problems: FieldProblem[]): ApiError {
  const fields = problems.map((problem) => problem.field).join(', ');
  return new ApiError(400, 'VALIDATION_FAILED', `invalid request: ${fields}`, problems);
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
