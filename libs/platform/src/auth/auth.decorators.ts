import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'platform:isPublic';
export const REQUIRED_ROLES = 'platform:requiredRoles';

/** The route (or controller) needs no token. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller's token must carry this role in its `roles` claim (403 FORBIDDEN otherwise). */
export const RequireRole = (...roles: string[]): ClassDecorator & MethodDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller set by the global JWT guard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user) throw new Error('@CurrentUser() used on a @Public() route');
  return user;
});
