import { COMPONENT_TYPES } from '@choice-sherpa/events';
import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { COMPONENT_STATUSES } from '../domain/component-status';
import { CYCLE_STATUSES } from '../domain/cycle-status';
import type { CycleView } from '../application/cycle.view';
import type { ComponentSnapshot } from '../domain/cycle.snapshot';

export class CycleProgress {
  @ApiProperty({ example: 3 }) completed: number;
  @ApiProperty({ example: 8 }) required: number;
  @ApiProperty({ example: 37 }) percent: number;
}

/** One of the cycle's nine components; `output` has the component type's schema (DOMAIN.md). */
export class ComponentResponse {
  @ApiUuid({ example: EXAMPLE.componentId }) id: string;
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' }) component_type: string;
  @ApiProperty({ enum: COMPONENT_STATUSES, example: 'in_progress' }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { fundamental_objectives: [{ id: 'o1', description: 'Grow as an engineer' }] } })
  output: object | null;
  @ApiProperty({ type: String, nullable: true, example: null }) revision_reason: string | null;
  @ApiTimestamp({ nullable: true }) started_at: string | null;
  @ApiTimestamp({ nullable: true }) completed_at: string | null;
  @ApiTimestamp({ nullable: true }) updated_at: string | null;
}

export class CycleResponse {
  @ApiUuid({ example: EXAMPLE.cycleId }) id: string;
  @ApiUuid() session_id: string;
  @ApiUuid({ nullable: true, example: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b00' }) parent_cycle_id: string | null;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, example: null }) branch_point: string | null;
  @ApiProperty({ enum: CYCLE_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ type: CycleProgress }) progress: CycleProgress;
  @ApiProperty({ type: Number, nullable: true, description: 'Decision quality (0-100), once rated', example: 72 }) dq_score: number | null;
  @ApiProperty({ type: [ComponentResponse] }) components: ComponentSnapshot[];
  @ApiTimestamp() created_at: string;
  @ApiTimestamp() updated_at: string;
  @ApiTimestamp({ nullable: true }) completed_at: string | null;
  @ApiTimestamp({ nullable: true }) archived_at: string | null;
}

export function toCycleResponse({ cycle, dqScore }: CycleView): CycleResponse {
  return {
    id: cycle.id,
    session_id: cycle.sessionId,
    parent_cycle_id: cycle.parentCycleId,
    branch_point: cycle.branchPoint,
    status: cycle.status,
    progress: cycle.progress(),
    dq_score: dqScore,
    components: cycle.components,
    created_at: cycle.createdAt.toISOString(),
    updated_at: cycle.updatedAt.toISOString(),
    completed_at: cycle.completedAt?.toISOString() ?? null,
    archived_at: cycle.archivedAt?.toISOString() ?? null,
  };
}
