import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { COMPONENT_TYPES } from '../domain/component-types';
import { SEQUENCE_SOURCES } from '../domain/sequence-position';

/** The response classes of API.md "dashboard-projector" (the OpenAPI document's schemas and examples). */
const COMPONENT_STATUSES = ['not_started', 'in_progress', 'complete', 'needs_revision'];
const CYCLE_STATUSES = ['active', 'completed', 'archived'];
const SESSION_STATUSES = ['active', 'archived'];
const OUTPUT = { fundamental_objectives: [{ id: 'o1', description: 'Grow as an engineer' }] };

export class SequencePositionResponse {
  @ApiProperty({ enum: SEQUENCE_SOURCES, example: 'session-cycle' }) source: string;
  @ApiProperty({ example: `session:${EXAMPLE.sessionId}` }) aggregate_key: string;
  @ApiProperty({ description: 'The last event of the aggregate this view includes', example: 12 }) sequence: number;
}

export class ProgressResponse {
  @ApiProperty({ example: 3 }) completed: number;
  @ApiProperty({ example: 8 }) required: number;
  @ApiProperty({ example: 37 }) percent: number;
}

export class LatestScores {
  @ApiProperty({ type: String, nullable: true, example: 'a1' }) pugh_best_alternative_id: string | null;
  @ApiTimestamp({ nullable: true }) pugh_computed_at: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 72 }) dq_score: number | null;
  @ApiTimestamp({ nullable: true }) dq_computed_at: string | null;
}

export class OverviewEntryResponse {
  @ApiUuid() session_id: string;
  @ApiProperty({ type: String, nullable: true, example: 'Which job offer should I take?' }) title: string | null;
  @ApiProperty({ enum: SESSION_STATUSES, example: 'active' }) status: string;
  @ApiTimestamp({ nullable: true }) created_at: string | null;
  @ApiTimestamp() last_updated_at: string;
  @ApiProperty({ example: 2 }) cycle_count: number;
  @ApiUuid({ nullable: true, example: EXAMPLE.cycleId, description: 'The newest active cycle, else the newest cycle' }) current_cycle_id: string | null;
  @ApiProperty({ type: ProgressResponse, nullable: true }) progress: ProgressResponse | null;
  @ApiProperty({ type: LatestScores }) latest_scores: LatestScores;
  @ApiProperty({ type: [SequencePositionResponse] }) positions: SequencePositionResponse[];
}

export class OverviewResponse {
  @ApiProperty({ type: [OverviewEntryResponse] }) sessions: OverviewEntryResponse[];
}

export class ComponentStatusResponse {
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' }) component_type: string;
  @ApiProperty({ enum: COMPONENT_STATUSES, example: 'complete' }) status: string;
  @ApiProperty({ example: 6 }) message_count: number;
  @ApiTimestamp({ nullable: true }) last_message_at: string | null;
  @ApiUuid({ nullable: true, example: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b00', description: 'The ancestor cycle this state was copied from' }) inherited_from: string | null;
}

const PUGH = { scores: [{ alternative_id: 'a1', score: 4, rank: 1 }], best_alternative_id: 'a1', dominated_alternatives: [], irrelevant_objectives: [], computed_at: EXAMPLE.time };
const DQ = { elements: [{ name: 'helpful_problem_frame', score: 80 }], overall_score: 72, acceptable: true, computed_at: EXAMPLE.time };

export class CycleViewResponse {
  @ApiUuid({ example: EXAMPLE.cycleId }) cycle_id: string;
  @ApiUuid({ nullable: true, example: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b00' }) parent_cycle_id: string | null;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, example: null }) branch_point: string | null;
  @ApiProperty({ enum: CYCLE_STATUSES, example: 'active' }) status: string;
  @ApiTimestamp({ nullable: true }) created_at: string | null;
  @ApiTimestamp({ nullable: true }) branched_at: string | null;
  @ApiTimestamp({ nullable: true }) completed_at: string | null;
  @ApiTimestamp({ nullable: true }) archived_at: string | null;
  @ApiProperty({ type: ProgressResponse }) progress: ProgressResponse;
  @ApiProperty({ type: [ComponentStatusResponse] }) components: ComponentStatusResponse[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The Pugh analysis, once computed', example: PUGH }) pugh: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The decision quality, once rated', example: DQ }) dq: object | null;
  @ApiProperty({ type: 'array', items: { $ref: '#/components/schemas/CycleViewResponse' }, description: 'Cycles branched from this one', example: [] })
  branches: CycleViewResponse[];
}

export class SessionViewResponse {
  @ApiUuid() session_id: string;
  @ApiProperty({ type: String, nullable: true, example: 'Which job offer should I take?' }) title: string | null;
  @ApiProperty({ enum: SESSION_STATUSES, example: 'active' }) status: string;
  @ApiTimestamp({ nullable: true }) created_at: string | null;
  @ApiTimestamp({ nullable: true }) archived_at: string | null;
  @ApiTimestamp() last_updated_at: string;
  @ApiProperty({ example: 1 }) cycle_count: number;
  @ApiProperty({ type: [CycleViewResponse], description: 'The root cycles, each with its branches' }) cycles: CycleViewResponse[];
  @ApiProperty({ type: [SequencePositionResponse] }) positions: SequencePositionResponse[];
}

export class ConversationSummaryResponse {
  @ApiUuid({ example: EXAMPLE.conversationId }) conversation_id: string;
  @ApiProperty({ example: 6 }) message_count: number;
  @ApiTimestamp({ nullable: true }) last_message_at: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1 fundamental objective' }) extraction_summary: string | null;
  @ApiTimestamp({ nullable: true }) extracted_at: string | null;
}

export class ComponentDetailResponse {
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' }) component_type: string;
  @ApiUuid({ nullable: true, example: EXAMPLE.componentId }) component_id: string | null;
  @ApiProperty({ enum: COMPONENT_STATUSES, example: 'complete' }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: OUTPUT }) output: object | null;
  @ApiProperty({ type: String, nullable: true, example: '1 fundamental objective' }) output_summary: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) revision_reason: string | null;
  @ApiTimestamp({ nullable: true }) started_at: string | null;
  @ApiTimestamp({ nullable: true }) completed_at: string | null;
  @ApiTimestamp({ nullable: true }) updated_at: string | null;
  @ApiUuid({ nullable: true, example: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b00' }) inherited_from: string | null;
  @ApiUuid({ example: EXAMPLE.cycleId }) cycle_id: string;
  @ApiUuid() session_id: string;
  @ApiProperty({ enum: CYCLE_STATUSES, example: 'active' }) cycle_status: string;
  @ApiProperty({ example: 6 }) message_count: number;
  @ApiTimestamp({ nullable: true }) last_message_at: string | null;
  @ApiProperty({ type: ConversationSummaryResponse, nullable: true }) conversation: ConversationSummaryResponse | null;
  @ApiProperty({ example: true }) can_branch: boolean;
  @ApiProperty({ example: true }) can_revise: boolean;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, example: 'problem_frame' }) previous: string | null;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, example: 'alternatives' }) next: string | null;
  @ApiProperty({ type: [SequencePositionResponse] }) positions: SequencePositionResponse[];
}

export class ComparedCycleResponse {
  @ApiUuid({ example: EXAMPLE.cycleId }) cycle_id: string;
  @ApiUuid() session_id: string;
  @ApiUuid({ nullable: true, example: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b00' }) parent_cycle_id: string | null;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, example: 'alternatives' }) branch_point: string | null;
  @ApiProperty({ enum: CYCLE_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ type: ProgressResponse }) progress: ProgressResponse;
}

export class ComparedComponentResponse {
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'alternatives' }) component_type: string;
  @ApiProperty({ description: 'The cycles disagree on status or output', example: true }) differs: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { cycle_id: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: COMPONENT_STATUSES }, output_summary: { type: ['string', 'null'] } } },
    example: [{ cycle_id: EXAMPLE.cycleId, status: 'complete', output_summary: '3 alternatives' }],
  })
  cycles: Array<{ cycle_id: string; status: string; output_summary: string | null }>;
}

export class CycleComparisonResponse {
  @ApiProperty({ type: [ComparedCycleResponse] }) cycles: ComparedCycleResponse[];
  @ApiProperty({ type: [ComparedComponentResponse] }) components: ComparedComponentResponse[];
}
