import type { ConversationView } from '../application/queries/get-conversation/get-conversation.query';

/** API.md's conversation: snake_case, the messages in order, nothing internal (locks, counters, proposals). */
export function toConversationResponse({ conversation: c, messages }: ConversationView) {
  return {
    id: c.id,
    session_id: c.session_id,
    cycle_id: c.cycle_id,
    component_id: c.component_id,
    component_type: c.component_type,
    state: c.state,
    phase: c.phase,
    inherited_from: c.inherited_from,
    messages: messages.map((m) => ({ id: m.id, role: m.role, content: m.content, created_at: m.created_at })),
    extracted_output: c.extracted_output,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}
