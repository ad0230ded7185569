import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { COMPONENT_STATUSES, COMPONENT_TYPES, ComponentStatus, ComponentType } from '../outputs/domain-vocabulary';
import { IsComponentOutput, IsRfc3339, Nullable } from './payload-validators';
import { EventPayload } from './event-payload';

export class CycleCreatedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  /** null unless the cycle was branched */
  @Nullable() @IsUUID() parent_cycle_id: string | null;
  @IsRfc3339() created_at: string;
}

/** A component the branch copied from its parent: its id in the new cycle and its status there. */
export class CopiedComponent {
  @IsIn(COMPONENT_TYPES) component_type: ComponentType;
  @IsUUID() component_id: string;
  @IsIn(COMPONENT_STATUSES) status: ComponentStatus;
  /**
   * Added in v1 (additive): the final output of a component copied complete (absent for any other status, and in
   * events from older producers), valid under its schema like component.completed's; the analysis worker computes
   * the branch's Pugh and DQ from it.
   */
  @IsOptional() @IsComponentOutput({ allowNone: true }) output?: Record<string, unknown>;
}

export class CycleBranchedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  @IsUUID() parent_cycle_id: string;
  @IsIn(COMPONENT_TYPES) branch_point_component: ComponentType;
  @IsRfc3339() branched_at: string;
  /**
   * Added in v1 (additive): the components before the branch point and the branch point itself, as copied into
   * the new cycle (the conversation service copies their conversations). Absent in events from older producers.
   */
  @IsOptional() @IsArray() @ArrayMaxSize(9) @ValidateNested({ each: true }) @Type(() => CopiedComponent)
  copied_components?: CopiedComponent[];
}

export class CycleArchivedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  @IsRfc3339() archived_at: string;
}

export class CycleCompletedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  /** null when analysis has not reported a DQ score for the cycle */
  @Nullable() @IsInt() @Min(0) @Max(100) dq_score: number | null;
  @IsRfc3339() completed_at: string;
}
