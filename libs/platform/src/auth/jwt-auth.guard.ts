import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.constants';
import { TokenVerifier } from './token-verifier';
import { checkRequestToken } from './request-token';

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked @Public(); @RequireRole adds a role check.
 * Stream handlers (rpc) and socket events (ws) are not HTTP requests and authenticate elsewhere.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const token = await checkRequestToken(request, this.verifier);
    if (token.status === 'missing') throw new ApiError(401, 'UNAUTHORIZED', 'a bearer token is required');
    if (token.status === 'invalid') throw new ApiError(401, 'UNAUTHORIZED', 'the token is invalid or expired');
    request.user = token.user;
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    const missing = roles.filter((role) => !request.user?.roles.includes(role));
    if (missing.length > 0) throw new ApiError(403, 'FORBIDDEN', `the ${missing.join(', ')} role is required`);
    return true;
  }
}
