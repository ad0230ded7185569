import type { ComponentOutput, FieldError } from '@choice-sherpa/events/outputs';
import type { ConversationPhase } from './conversation-state';
import { signalsConfirmation, signalsDone } from './user-signals';

/** What the facilitator does with a user message. */
export type TurnPlan = 'confirm' | 'extract' | 'gather';

/** What the turn ended with; the aggregate applies it together with the reply. */
export type TurnOutcome =
  | { kind: 'gathered' }
  | { kind: 'proposed'; output: ComponentOutput }
  | { kind: 'invalid'; problems: FieldError[] }
  | { kind: 'confirmed'; output: ComponentOutput };

/** The phase a conversation shows while the reply to a message of this plan is generated (or waits for a retry). */
export function phaseWhilePending(plan: TurnPlan): ConversationPhase {
  return plan === 'gather' ? 'gather' : plan === 'extract' ? 'extract' : 'confirm';
}

/**
 * The phase machine's decision for the latest user message: a confirmation of a proposal confirms it; once the
 * component's minimum number of messages is reached (or the user is done, or we are already clarifying or
 * correcting a proposal) the facilitator extracts; before that it gathers.
 */
export function planTurn(input: { phase: ConversationPhase; userMessages: number; minUserMessages: number; text: string; hasProposal: boolean }): TurnPlan {
  if (input.phase === 'confirm' && input.hasProposal && signalsConfirmation(input.text)) return 'confirm';
  if (input.phase === 'extract' || input.phase === 'clarify' || input.phase === 'confirm') return 'extract';
  if (input.userMessages >= input.minUserMessages || signalsDone(input.text)) return 'extract';
  return 'gather';
}

export function phaseAfter(outcome: TurnOutcome): ConversationPhase {
  switch (outcome.kind) {
    case 'gathered':
      return 'gather';
    case 'invalid':
      return 'clarify';
    case 'proposed':
    case 'confirmed':
      return 'confirm';
  }
}
