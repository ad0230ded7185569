import type { ComponentType, EventMetadataInput } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

/** What a conversation extracted for a component, as its conversation.data_extracted event told it. */
export interface ExtractedOutput {
  /** The event's id: the key of its data_extraction_records row. */
  eventId: string;
  conversationId: string;
  sessionId: string;
  cycleId: string;
  componentId: string;
  componentType: ComponentType;
  output: Record<string, unknown>;
  /** The user the conversation acted for (null: a system event, not checked against the owner). */
  userId: string | null;
}

/**
 * Fill the component's output from a conversation's extraction; run inside the consumer's idempotent transaction,
 * which the handler's unit of work joins. `metadata`: of the events it raises (caused by the extraction).
 */
export class ApplyExtractedOutputCommand extends Command<void> {
  constructor(
    readonly extraction: ExtractedOutput,
    readonly metadata: EventMetadataInput,
  ) {
    super();
  }
}
