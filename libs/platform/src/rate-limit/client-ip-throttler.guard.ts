import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Per-client-IP rate limit on HTTP routes. The IP is Express's `req.ip`, which follows X-Forwarded-For only for the
 * trusted proxy hops configured by TRUST_PROXY, so a client cannot pick its own key by sending the header.
 */
@Injectable()
export class ClientIpThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const ip = req.ip ?? (req.socket as { remoteAddress?: string } | undefined)?.remoteAddress;
    return typeof ip === 'string' ? ip : 'unknown';
  }
}
