import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';
import type { AuthUser } from './auth-user';
import { REQUIRED_ROLES } from './auth.constants';
import { bearerToken } from './bearer-token';
import { TokenVerifier } from './token-verifier';

/**
 * The role check attached by @RequireRole itself, so a route stays protected even in an app without the platform's
 * global JWT guard: it authenticates when no guard did before it, and refuses (401) when it has no verifier at all.
 */
@Injectable()
export class RequireRoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Optional() private readonly verifier?: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    request.user ??= await this.authenticate(request.headers.authorization);
    const missing = roles.filter((role) => !request.user?.roles.includes(role));
    if (missing.length > 0) throw new ApiError(403, 'FORBIDDEN', `the ${missing.join(', ')} role is required`);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthUser> {
    const token = bearerToken(header);
    if (!token || !this.verifier) throw new ApiError(401, 'UNAUTHORIZED', 'a bearer token is required');
    try {
      return await this.verifier.verify(token);
    } catch {
      throw new ApiError(401, 'UNAUTHORIZED', 'the token is invalid or expired');
    }
  }
}
