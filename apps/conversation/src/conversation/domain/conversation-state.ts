import type { ComponentType } from '@choice-sherpa/events/outputs';

/** DOMAIN.md "Conversations": ready → in_progress (first user message) → confirmed → complete. */
export const CONVERSATION_STATES = ['ready', 'in_progress', 'confirmed', 'complete'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** intro → gather ⇄ clarify → extract → confirm (→ gather when the user asks for changes). */
export const CONVERSATION_PHASES = ['intro', 'gather', 'clarify', 'extract', 'confirm'] as const;
export type ConversationPhase = (typeof CONVERSATION_PHASES)[number];

export type { ComponentType };
