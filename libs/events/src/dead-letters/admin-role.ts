import { CanActivate, UseGuards } from '@nestjs/common';
import * as platform from '@choice-sherpa/platform';

class DenyAllGuard implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

type RoleDecoratorFactory = (role: string) => ClassDecorator & MethodDecorator;

/**
 * The platform's `@RequireRole('admin')` (global JWT guard + role check). Until the platform exports it, the admin
 * routes fail closed: every request is refused.
 */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  const requireRole = (platform as Record<string, unknown>).RequireRole as RoleDecoratorFactory | undefined;
  return requireRole ? requireRole('admin') : UseGuards(DenyAllGuard);
}
