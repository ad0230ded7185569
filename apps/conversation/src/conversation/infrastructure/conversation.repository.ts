import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import { ConversationRepository, type LoadedConversation } from '../application/conversation-repository.port';
import { Conversation, type ConversationSnapshot } from '../domain/conversation.aggregate';
import type { Message } from '../domain/message';

const COLUMNS = `c.id, c.session_id, c.cycle_id, c.component_id, c.component_type, c.state, c.phase, c.inherited_from,
  c.extracted_output, c.proposed_output, c.user_message_count, c.component_locked, c.awaiting_reply_to,
  c.generation_token, c.generating_until, c.version, c.created_at, c.updated_at, o.user_id AS owner_id`;

type Row = Record<string, any>;

function toDomain(row: Row): LoadedConversation {
  const snapshot: ConversationSnapshot = {
    id: row.id,
    session_id: row.session_id,
    cycle_id: row.cycle_id,
    component_id: row.component_id,
    component_type: row.component_type,
    state: row.state,
    phase: row.phase,
    inherited_from: row.inherited_from,
    extracted_output: row.extracted_output,
    proposed_output: row.proposed_output,
    user_message_count: row.user_message_count,
    component_locked: row.component_locked,
    awaiting_reply_to: row.awaiting_reply_to,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
  return {
    conversation: Conversation.fromSnapshot(snapshot, row.version),
    ownerId: row.owner_id ?? null,
    generationToken: row.generation_token,
    generatingUntil: row.generating_until ? new Date(row.generating_until) : null,
  };
}

function toMessage(row: Row): Message {
  return { id: row.id, role: row.role, content: row.content, created_at: new Date(row.created_at).toISOString() };
}

/** Conversations and their messages in PostgreSQL; every write happens in the ambient transaction (with its outbox rows). */
@Injectable()
export class PgConversationRepository implements ConversationRepository {
  constructor(private readonly scope: TransactionScope) {}

  /** Reads join the ambient transaction; a plain read outside one (GET) runs alone. A locking read needs the transaction. */
  private reader(forUpdate: boolean): EntityManager {
    return forUpdate ? this.scope.manager() : this.scope.reader();
  }

  async find(id: string, forUpdate = false): Promise<LoadedConversation | undefined> {
    const rows: Row[] = await this.reader(forUpdate).query(
      `SELECT ${COLUMNS} FROM conversations c LEFT JOIN session_owners o ON o.session_id = c.session_id WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ? toDomain(rows[0]) : undefined;
  }

  async findByComponent(cycleId: string, componentType: string, forUpdate = false): Promise<LoadedConversation | undefined> {
    const rows: Row[] = await this.reader(forUpdate).query(
      `SELECT ${COLUMNS} FROM conversations c LEFT JOIN session_owners o ON o.session_id = c.session_id
        WHERE c.cycle_id = $1 AND c.component_type = $2${forUpdate ? ' FOR UPDATE OF c' : ''}`,
      [cycleId, componentType],
    );
    return rows[0] ? toDomain(rows[0]) : undefined;
  }

  async messages(conversationId: string): Promise<Message[]> {
    const rows: Row[] = await this.reader(false).query('SELECT id, role, content, created_at FROM conversation_messages WHERE conversation_id = $1 ORDER BY position', [conversationId]);
    return rows.map(toMessage);
  }

  /** A new conversation with its first messages; false when one already exists for the component (idempotent start). */
  async insert(conversation: Conversation, messages: Message[]): Promise<boolean> {
    const s = conversation.toSnapshot();
    const inserted: Row[] = await this.scope.manager().query(
      `INSERT INTO conversations (id, session_id, cycle_id, component_id, component_type, state, phase, inherited_from, extracted_output,
         proposed_output, user_message_count, message_count, component_locked, awaiting_reply_to, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, 1, $14, $15)
       ON CONFLICT (cycle_id, component_type) DO NOTHING RETURNING id`,
      [s.id, s.session_id, s.cycle_id, s.component_id, s.component_type, s.state, s.phase, s.inherited_from, json(s.extracted_output),
        json(s.proposed_output), s.user_message_count, s.component_locked, s.awaiting_reply_to, s.created_at, s.updated_at],
    );
    if (inserted.length === 0) return false;
    await this.append(s.id, messages);
    return true;
  }

  /** The aggregate's new state and new messages (the row is locked by `find(..., true)` in this transaction). */
  async update(conversation: Conversation, messages: Message[], generation: { token: string; until: Date } | null = null): Promise<void> {
    const s = conversation.toSnapshot();
    await this.scope.manager().query(
      `UPDATE conversations SET state = $2, phase = $3, extracted_output = $4, proposed_output = $5, user_message_count = $6,
         component_locked = $7, awaiting_reply_to = $8, generation_token = $9, generating_until = $10, version = version + 1, updated_at = $11
       WHERE id = $1`,
      [s.id, s.state, s.phase, json(s.extracted_output), json(s.proposed_output), s.user_message_count, s.component_locked, s.awaiting_reply_to,
        generation?.token ?? null, generation?.until ?? null, s.updated_at],
    );
    await this.append(s.id, messages);
  }

  /** Marks a reply as being generated (a lease: a crashed generation frees the conversation when it ends). */
  async claimGeneration(id: string, token: string, until: Date): Promise<void> {
    await this.scope.manager().query('UPDATE conversations SET generation_token = $2, generating_until = $3 WHERE id = $1', [id, token, until]);
  }

  async releaseGeneration(id: string, token: string): Promise<void> {
    await this.scope.manager().query('UPDATE conversations SET generation_token = NULL, generating_until = NULL WHERE id = $1 AND generation_token = $2', [id, token]);
  }

  private async append(conversationId: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    // Positions continue the conversation's count, taken and bumped in the same statement (the row is locked).
    await this.scope.manager().query(
      `WITH bumped AS (UPDATE conversations SET message_count = message_count + $2 WHERE id = $1 RETURNING message_count - $2 AS next)
       INSERT INTO conversation_messages (id, conversation_id, position, role, content, created_at)
       SELECT m.id, $1, bumped.next + m.ord - 1, m.role, m.content, m.created_at
       FROM bumped, unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) WITH ORDINALITY AS m(id, role, content, created_at, ord)`,
      [conversationId, messages.length, messages.map((m) => m.id), messages.map((m) => m.role), messages.map((m) => m.content), messages.map((m) => m.created_at)],
    );
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
