import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { checkRequestToken } from '../auth/request-token';
import { TokenVerifier } from '../auth/token-verifier';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';

/**
 * The HTTP rate limit (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS), one budget per client for the whole service (not
 * per route): a caller with a valid token is counted as its user, whichever address or replica it comes through;
 * anyone else by client address (`req.ip`, which follows X-Forwarded-For only through TRUST_PROXY's peers, so a
 * client cannot pick its own key). Counters live in the storage chosen by the platform module (Redis: shared by
 * every replica).
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  private readonly keyPrefix: string;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    super(options, storage, reflector);
    this.keyPrefix = `${config.streamPrefix}:rate-limit:${config.service}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const token = await checkRequestToken(req as { headers: Record<string, string | undefined> }, this.verifier);
    if (token.status === 'valid') return `user:${token.user.userId}`;
    const ip = req.ip ?? (req.socket as { remoteAddress?: string } | undefined)?.remoteAddress;
    return `ip:${typeof ip === 'string' ? ip : 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${this.keyPrefix}:${throttlerName}:${tracker}`;
  }
}
