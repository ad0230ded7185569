import type { ComponentType, FieldError } from '@choice-sherpa/events/outputs';
import type { Message } from '../domain/message';
import type { CycleContext } from './cycle-context';

export interface FacilitatorRequest {
  componentType: ComponentType;
  /** Every message of the conversation, oldest first; the last one is the user message being answered. */
  history: Message[];
  cycle: CycleContext;
}

/** gather: ask for what the component still lacks; clarify: the extraction failed, ask about these problems. */
export type ReplyIntent = { kind: 'gather' } | { kind: 'clarify'; problems: FieldError[] };

/**
 * The AI behind the conversation. Its words only ever become the assistant's reply or a candidate output; the
 * candidate is checked against the component's schema by the domain before anything uses it.
 */
export abstract class Facilitator {
  /** `offline` or `openai`: the metrics label. */
  abstract readonly provider: string;
  /** The next assistant message; `onDelta` receives it piece by piece as it is produced. */
  abstract reply(request: FacilitatorRequest & { intent: ReplyIntent }, onDelta: (text: string) => void): Promise<string>;
  /** A candidate output for the component from the conversation so far (unchecked). */
  abstract extract(request: FacilitatorRequest): Promise<unknown>;
}

/** The provider is down, too slow or failing: 503 AI_UNAVAILABLE with Retry-After, the user message kept. */
export class FacilitatorUnavailableError extends Error {
  constructor(
    readonly reason: 'timeout' | 'unavailable' | 'rate_limited' | 'error',
    readonly retryAfterSeconds: number,
  ) {
    super(`the AI provider is unavailable (${reason})`);
    this.name = 'FacilitatorUnavailableError';
  }
}
