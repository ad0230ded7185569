import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { COMPONENT_TYPES, ComponentType } from './domain-vocabulary';
import { IsRfc3339, Nullable } from './payload-validators';
import { EventPayload } from './event-payload';

export class CycleCreatedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  /** null unless the cycle was branched */
  @Nullable() @IsUUID() parent_cycle_id: string | null;
  @IsRfc3339() created_at: string;
}

export class CycleBranchedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  @IsUUID() parent_cycle_id: string;
  @IsIn(COMPONENT_TYPES) branch_point_component: ComponentType;
  @IsRfc3339() branched_at: string;
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
