import type { Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IS_PUBLIC, REQUIRED_ROLES } from '../auth/auth.constants';
import { ApiError, badRequest } from '../errors/api-error';
import { API_ERRORS } from './api-errors.decorator';

const THROTTLER_SKIP_DEFAULT = 'THROTTLER:SKIPdefault';

/** What the platform answers on any route, whatever the handler does (the guards, the pipe and the body parsers). */
const EVERY_ROUTE: ApiError[] = [
  badRequest('invalid request: title', [{ field: 'title', problems: ['must not be blank'] }]),
  new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body too large'),
  // A route with @AcceptBodyTypes states its own 415 (`@ApiErrors`), which replaces this one.
  new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/json'),
];
const SIGNED_IN: ApiError[] = [new ApiError(401, 'UNAUTHORIZED', 'a bearer token is required')];
const THROTTLED: ApiError[] = [new ApiError(429, 'RATE_LIMITED', 'too many requests')];
const roleRequired = (roles: string[]) => new ApiError(403, 'FORBIDDEN', `the ${roles.join(', ')} role is required`);

/** How the document describes one route's access and errors, from the same metadata the guards read. */
export interface RouteFacts {
  /** Security scheme names (empty: public). */
  security: string[];
  errors: ApiError[];
}

function metadata<T>(key: string, handler: object, controller: Type<unknown>): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
}

function factsOf(controller: Type<unknown>, handler: object): RouteFacts {
  const isPublic = metadata<boolean>(IS_PUBLIC, handler, controller) === true;
  const roles = metadata<string[]>(REQUIRED_ROLES, handler, controller) ?? [];
  const throttled = metadata<boolean>(THROTTLER_SKIP_DEFAULT, handler, controller) !== true;
  const declared = [...(Reflect.getMetadata(API_ERRORS, controller) ?? []), ...(Reflect.getMetadata(API_ERRORS, handler) ?? [])] as ApiError[];
  const errors = [...EVERY_ROUTE];
  if (!isPublic || roles.length > 0) errors.push(...SIGNED_IN);
  if (roles.length > 0) errors.push(roleRequired(roles));
  if (throttled) errors.push(...THROTTLED);
  errors.push(...declared);
  const security = roles.includes('admin') ? ['admin'] : isPublic && roles.length === 0 ? [] : ['bearer'];
  return { security, errors };
}

/** Facts of every HTTP route of the app, by operation id (`<Controller>_<method>`, the ids setupOpenApi gives). */
export function routeFactsOf(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        facts.set(operationId(controller.name, name), factsOf(controller, handler));
      }
    }
  }
  return facts;
}

export const operationId = (controllerKey: string, methodKey: string): string => `${controllerKey}_${methodKey}`;
