import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiError, ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { COMPONENT_TYPES } from '@choice-sherpa/events/outputs';
import { CONVERSATION_PHASES, CONVERSATION_STATES } from '../domain/conversation-state';
import {
  ComponentLockedError,
  ConversationNotFoundError,
  IdempotencyKeyReusedError,
  InvalidMessageError,
  NothingToReplyError,
  ReplyInProgressError,
  ReplyPendingError,
  TierLimitError,
} from '../domain/conversation-errors';
import { toApiError } from './conversation-error.mapper';
import { unavailable } from './turn-responder';

/** The response classes of API.md "conversation" (the OpenAPI document's schemas and examples). */
export class MessageResponse {
  @ApiUuid({ example: EXAMPLE.messageId }) id: string;
  @ApiProperty({ enum: ['user', 'assistant'], example: 'assistant' }) role: string;
  @ApiProperty({ example: 'What matters most to you in this decision?' }) content: string;
  @ApiTimestamp() created_at: string;
}

export class ConversationResponse {
  @ApiUuid({ example: EXAMPLE.conversationId }) id: string;
  @ApiUuid() session_id: string;
  @ApiUuid({ example: EXAMPLE.cycleId }) cycle_id: string;
  @ApiUuid({ example: EXAMPLE.componentId }) component_id: string;
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' }) component_type: string;
  @ApiProperty({ enum: CONVERSATION_STATES, example: 'in_progress' }) state: string;
  @ApiProperty({ enum: CONVERSATION_PHASES, example: 'gather' }) phase: string;
  @ApiUuid({ nullable: true, description: "The parent cycle's conversation on a branch", example: '01963b2f-0c11-7e33-9a54-7f0a3b4c6d00' }) inherited_from: string | null;
  @ApiProperty({ type: [MessageResponse] }) messages: MessageResponse[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: null }) extracted_output: object | null;
  @ApiTimestamp() created_at: string;
  @ApiTimestamp() updated_at: string;
}

export class ExtractionProblem {
  @ApiProperty({ example: 'fundamental_objectives' }) field: string;
  @ApiProperty({ example: 'must have at least 1 item' }) message: string;
}

export class ExtractionResponse {
  @ApiProperty({ enum: ['extracted', 'invalid'], example: 'extracted' }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With status extracted', example: { fundamental_objectives: [{ id: 'o1', description: 'Grow as an engineer' }] } })
  output?: object;
  @ApiPropertyOptional({ type: [ExtractionProblem], description: 'With status invalid' }) problems?: ExtractionProblem[];
}

export class ConversationProgress {
  @ApiProperty({ enum: CONVERSATION_STATES, example: 'in_progress' }) state: string;
  @ApiProperty({ enum: CONVERSATION_PHASES, example: 'clarify' }) phase: string;
}

/** POST messages and POST reply (JSON); with `Accept: text/event-stream` the same as events. */
export class TurnResponse {
  @ApiProperty({ type: MessageResponse }) user_message: MessageResponse;
  @ApiProperty({ type: MessageResponse }) assistant_message: MessageResponse;
  @ApiProperty({ type: ExtractionResponse, nullable: true }) extraction: ExtractionResponse | null;
  @ApiProperty({ type: ConversationProgress }) conversation: ConversationProgress;
}

const SSE_EXAMPLE = [
  'event: user_message\ndata: {"id":"…","role":"user","content":"…","created_at":"…"}\n',
  'event: delta\ndata: {"text":"What"}\n',
  'event: assistant_message\ndata: {"id":"…","role":"assistant","content":"…","created_at":"…"}\n',
  'event: extraction\ndata: null\n',
  'event: done\ndata: {"conversation":{"state":"in_progress","phase":"gather"}}\n',
].join('\n');

/** 201 as JSON, or with `Accept: text/event-stream` as Server-Sent Events (API.md). */
export const ApiTurnResponse = () =>
  ApiResponse({
    status: 201,
    description: 'The stored user message, the assistant reply and the extraction if any',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TurnResponse) } },
      'text/event-stream': { schema: { type: 'string' }, example: SSE_EXAMPLE },
    },
  });

const tierLimit = new TierLimitError({ limit: 'ai_messages_per_day', current: 50, max: 50, required_tier: 'monthly' });

/** The errors the conversation routes answer, as the domain raises them. */
export const ERRORS = {
  notFound: toApiError(new ConversationNotFoundError()),
  blank: toApiError(new InvalidMessageError('must not be blank')),
  tierLimit: toApiError(tierLimit),
  locked: toApiError(new ComponentLockedError()),
  replyPending: toApiError(new ReplyPendingError()),
  replyInProgress: toApiError(new ReplyInProgressError()),
  alreadyReplied: toApiError(new NothingToReplyError()),
  keyReused: toApiError(new IdempotencyKeyReusedError()),
  aiUnavailable: new ApiError(503, unavailable().code, unavailable().message),
} satisfies Record<string, ApiError>;
