import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldProblem } from '../errors/api-error';
import { fieldPath } from './field-path';
import { findForbiddenKeys } from './forbidden-keys';
import { findTextProblems, TEXT_PROBLEM_MESSAGES } from './text-rule';

/**
 * Whitelist + forbidNonWhitelisted + transform, and 400 VALIDATION_FAILED whose details name every field path.
 * Before any copying, bodies, queries and params are refused when they hold a forbidden key (`__proto__`,
 * `constructor`, any Object.prototype member) or a string or key that breaks the text rule (text-rule.ts).
 * Messages and paths never repeat what the client sent (field-path.ts).
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
    if (REQUEST_DATA.has(metadata.type)) refuseUnsafe(value, metadata);
    return super.transform(value, metadata);
  }
}

/** Where client data arrives (a stream handler's payload also reports 'body'; its context reports 'custom'). */
const REQUEST_DATA = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

function refuseUnsafe(value: unknown, metadata: ArgumentMetadata): void {
  // `@Param('id')` receives the value itself: its path is the parameter's name.
  const at = (path: string) => (!metadata.data ? path : path === '(root)' ? metadata.data : `${metadata.data}.${path}`);
  const forbidden = findForbiddenKeys(value);
  if (forbidden.length > 0) {
    throw badRequestFor(forbidden.map((field) => ({ field: at(field), problems: ['this key is not allowed (or nested too deeply)'] })));
  }
  const text = findTextProblems(value);
  if (text.length > 0) {
    throw badRequestFor(text.map(({ path, problem }) => ({ field: at(path), problems: [TEXT_PROBLEM_MESSAGES[problem]] })));
  }
}

function badRequestFor(problems: FieldProblem[]): ApiError {
  const fields = [...new Set(problems.map((problem) => problem.field))].join(', ');
  return new ApiError(400, 'VALIDATION_FAILED', `invalid request: ${fields}`, problems);
}

/** class-validator's own messages; the unknown-field one would repeat the client's key, so it is replaced. */
function messagesOf(constraints: Record<string, string>): string[] {
  return Object.entries(constraints).map(([name, message]) => (name === 'whitelistValidation' ? 'is not allowed (unknown field)' : message));
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = fieldPath(parent, error.property);
    const own: FieldProblem[] = error.constraints ? [{ field, problems: messagesOf(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
