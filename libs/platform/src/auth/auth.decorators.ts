import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.constants';
import { RequireRoleGuard } from './require-role.guard';

export { IS_PUBLIC, REQUIRED_ROLES };

/** The route (or controller) needs no token. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The caller's token must carry this role in its `roles` claim (403 FORBIDDEN otherwise). Enforced by its own guard
 * too, so the route fails closed even where the global JWT guard is missing.
 */
export const RequireRole = (...roles: string[]): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), UseGuards(RequireRoleGuard));

/** The authenticated caller set by the global JWT guard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user) throw new Error('@CurrentUser() used on a @Public() route');
  return user;
});
