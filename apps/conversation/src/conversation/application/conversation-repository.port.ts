import type { Conversation } from '../domain/conversation.aggregate';
import type { Message } from '../domain/message';

export interface LoadedConversation {
  conversation: Conversation;
  /** The session's owner from the session.created projection; null while it has not arrived. */
  ownerId: string | null;
  generationToken: string | null;
  generatingUntil: Date | null;
}

/**
 * Conversations and their messages; implemented in infrastructure. Every write, and every read `forUpdate`, runs in
 * the ambient transaction (the command's UnitOfWork.run, with its outbox rows); a plain read outside one reads alone.
 */
export abstract class ConversationRepository {
  /** By id; `forUpdate` locks the conversation's row for the rest of the transaction. */
  abstract find(id: string, forUpdate?: boolean): Promise<LoadedConversation | undefined>;
  abstract findByComponent(cycleId: string, componentType: string, forUpdate?: boolean): Promise<LoadedConversation | undefined>;
  /** The conversation's messages, oldest first. */
  abstract messages(conversationId: string): Promise<Message[]>;
  /** A new conversation with its first messages; false when one already exists for the component (idempotent start). */
  abstract insert(conversation: Conversation, messages: Message[]): Promise<boolean>;
  /** The aggregate's new state and new messages (the row is locked by `find(..., true)` in this transaction); `generation` is the lease kept (null frees it). */
  abstract update(conversation: Conversation, messages: Message[], generation?: { token: string; until: Date } | null): Promise<void>;
  /** Marks a reply as being generated (a lease: a crashed generation frees the conversation when it ends). */
  abstract claimGeneration(id: string, token: string, until: Date): Promise<void>;
  /** Frees the lease if it is still `token`'s. */
  abstract releaseGeneration(id: string, token: string): Promise<void>;
}
