import type { MessageRole } from '@choice-sherpa/events/outputs';

/** What the application counts (conversation_messages_total); implemented with prom-client in infrastructure. */
export abstract class ConversationMetrics {
  /** One message stored, by role (never its text). */
  abstract messageStored(role: MessageRole): void;
}
