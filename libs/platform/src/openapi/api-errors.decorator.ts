import { SetMetadata } from '@nestjs/common';
import type { ApiError } from '../errors/api-error';

export const API_ERRORS = 'platform:api-errors';

/**
 * The errors a route answers beyond what every route answers (the platform's guards, pipes and body parsers add
 * 400, 401, 403 for roles, 413, 415 and 429 themselves: see openapi-route-errors.ts). Given as the ApiErrors the
 * code really throws (e.g. `notFound('session')`), they are the document's examples: code, message and details.
 */
export const ApiErrors = (...errors: ApiError[]): MethodDecorator & ClassDecorator => SetMetadata(API_ERRORS, errors);
