import { EventPattern } from '@nestjs/microservices';
import type { HandlerExtras } from './handler-registry';

/**
 * `@EventPattern` with the transport's handler options typed: `@OnStreamEvent('component.started', { handler: 'init-conversation' })`.
 * Also sidesteps Nest 12's typed-EventPattern overload, which rejects handlers taking a typed context argument.
 */
export function OnStreamEvent(patterns: string | string[], options: HandlerExtras & { handler: string }): MethodDecorator {
  return EventPattern<string | string[]>(patterns, options);
}
