import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { COMPONENT_TYPES, ComponentType, MESSAGE_ROLES, MessageRole } from '../outputs/domain-vocabulary';
import { IsComponentOutput, IsRfc3339 } from './payload-validators';
import { EventPayload } from './event-payload';

export class ConversationStartedPayload extends EventPayload {
  @IsUUID() conversation_id: string;
  @IsUUID() session_id: string;
  @IsUUID() cycle_id: string;
  @IsUUID() component_id: string;
  @IsIn(COMPONENT_TYPES) component_type: ComponentType;
  @IsRfc3339() started_at: string;
}

export class ConversationMessageSentPayload extends EventPayload {
  @IsUUID() conversation_id: string;
  @IsUUID() session_id: string;
  @IsUUID() message_id: string;
  @IsIn(MESSAGE_ROLES) role: MessageRole;
  /** The first 100 characters of the message, never more. */
  @IsString() @MaxLength(100) content_preview: string;
  @IsRfc3339() sent_at: string;
}

export class ConversationDataExtractedPayload extends EventPayload {
  @IsUUID() conversation_id: string;
  @IsUUID() session_id: string;
  @IsUUID() cycle_id: string;
  @IsUUID() component_id: string;
  @IsIn(COMPONENT_TYPES) component_type: ComponentType;
  @IsComponentOutput() output: Record<string, unknown>;
  @IsString() @MaxLength(4000) extraction_summary: string;
  @IsRfc3339() extracted_at: string;
}
