import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';

const BODY_TYPES = 'platform:body-types';
const JSON_ONLY = ['application/json'];

/** Content types a route's body may have instead of JSON (e.g. `application/x-www-form-urlencoded` for RFC 8058 one-click unsubscribe). */
export const AcceptBodyTypes = (...types: string[]) => SetMetadata(BODY_TYPES, types);

interface BodyRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  is(types: string[]): string | false | null;
}

/**
 * What a request body may be, for every route (README "Security"): a body must be JSON (`application/json`) unless
 * the route accepts other types, else 415 UNSUPPORTED_MEDIA_TYPE, whatever the route does with it; and a route that
 * takes no body refuses one (400 naming `body`), except an empty JSON object or a route that declares its body
 * types. A request without a body passes.
 */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<BodyRequest>();
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(BODY_TYPES, [context.getHandler(), context.getClass()]);
    const accepted = declared ?? JSON_ONLY;
    if (!hasBody(request)) return true;
    if (!request.is(accepted)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `the request body must be ${accepted.join(' or ')}`);
    }
    // A route that declares its body types owns its body (e.g. RFC 8058's fixed form body, read by nobody).
    if (!declared && !takesBody(context) && !isEmptyObject(request.body)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'invalid request: body', [{ field: 'body', problems: ['this route takes no body'] }]);
    }
    return true;
  }
}

/** type-is counts `Content-Length: 0` (what clients send on a bodiless POST) as a body; here it is none. */
function hasBody(request: BodyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function takesBody(context: ExecutionContext): boolean {
  const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

function isEmptyObject(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}
