import type { EntityManager } from 'typeorm';
import type { Conversation } from '../domain/conversation.aggregate';
import type { Message } from '../domain/message';

export interface LoadedConversation {
  conversation: Conversation;
  /** The session's owner from the session.created projection; null while it has not arrived. */
  ownerId: string | null;
  generationToken: string | null;
  generatingUntil: Date | null;
}

/** Conversations and their messages; implemented in infrastructure. Every write runs in the caller's transaction (with its outbox rows). */
export abstract class ConversationRepository {
  /** By id; `forUpdate` locks the conversation's row for the rest of the transaction. */
  abstract find(manager: EntityManager, id: string, forUpdate?: boolean): Promise<LoadedConversation | undefined>;
  abstract findByComponent(manager: EntityManager, cycleId: string, componentType: string, forUpdate?: boolean): Promise<LoadedConversation | undefined>;
  /** The conversation's messages, oldest first. */
  abstract messages(manager: EntityManager, conversationId: string): Promise<Message[]>;
  /** A new conversation with its first messages; false when one already exists for the component (idempotent start). */
  abstract insert(manager: EntityManager, conversation: Conversation, messages: Message[]): Promise<boolean>;
  /** The aggregate's new state and new messages (the row is locked by `find(..., true)` in this transaction); `generation` is the lease kept (null frees it). */
  abstract update(manager: EntityManager, conversation: Conversation, messages: Message[], generation?: { token: string; until: Date } | null): Promise<void>;
  /** Marks a reply as being generated (a lease: a crashed generation frees the conversation when it ends). */
  abstract claimGeneration(manager: EntityManager, id: string, token: string, until: Date): Promise<void>;
  /** Frees the lease if it is still `token`'s. */
  abstract releaseGeneration(manager: EntityManager, id: string, token: string): Promise<void>;
}
