import type { ComponentType } from './component-types';
import type { ConversationRecord } from './read-model';

export interface ConversationSummary {
  conversation_id: string;
  message_count: number;
  last_message_at: string | null;
  extraction_summary: string | null;
  extracted_at: string | null;
}

const latest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a);

/** Conversations by (cycle, component): normally one each; should there be more, counts add up and the latest wins. */
export class MessageStats {
  private readonly byComponent = new Map<string, ConversationSummary>();

  constructor(conversations: ConversationRecord[]) {
    const ordered = [...conversations].sort((a, b) => (a.started_at ?? '').localeCompare(b.started_at ?? '') || a.conversation_id.localeCompare(b.conversation_id));
    for (const c of ordered) {
      if (!c.cycle_id || !c.component_type) continue;
      const key = `${c.cycle_id}|${c.component_type}`;
      const previous = this.byComponent.get(key);
      this.byComponent.set(key, {
        conversation_id: c.conversation_id,
        message_count: (previous?.message_count ?? 0) + c.message_count,
        last_message_at: latest(previous?.last_message_at ?? null, c.last_message_at),
        extraction_summary: c.extraction_summary ?? previous?.extraction_summary ?? null,
        extracted_at: c.extracted_at ?? previous?.extracted_at ?? null,
      });
    }
  }

  of(cycleId: string, type: ComponentType): ConversationSummary | null {
    return this.byComponent.get(`${cycleId}|${type}`) ?? null;
  }
}
