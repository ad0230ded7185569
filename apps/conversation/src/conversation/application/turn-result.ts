import type { ComponentOutput, FieldError } from '@choice-sherpa/events/outputs';
import type { ConversationPhase, ConversationState } from '../domain/conversation-state';
import type { Message } from '../domain/message';
import type { TurnOutcome } from '../domain/turn';

export type Extraction = { status: 'extracted'; output: ComponentOutput } | { status: 'invalid'; problems: FieldError[] };

/** What POST messages and POST reply answer (API.md): the two messages, the extraction if any, the new state. */
export interface TurnResult {
  user_message: Message;
  assistant_message: Message;
  extraction: Extraction | null;
  conversation: { state: ConversationState; phase: ConversationPhase };
}

export function extractionOf(outcome: TurnOutcome): Extraction | null {
  switch (outcome.kind) {
    case 'gathered':
      return null;
    case 'invalid':
      return { status: 'invalid', problems: outcome.problems };
    case 'proposed':
    case 'confirmed':
      return { status: 'extracted', output: outcome.output };
  }
}

/** Receives a turn as it happens (Server-Sent Events); the JSON answer ignores it. */
export interface TurnListener {
  userMessage(message: Message): void;
  delta(text: string): void;
}

export const SILENT_LISTENER: TurnListener = { userMessage: () => undefined, delta: () => undefined };
